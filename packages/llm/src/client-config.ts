import { ProviderError } from "./provider-error.js";

/** Environment variables the client reads when an option is not given. */
export const ENV = {
  baseUrl: "OPENAI_BASE_URL",
  apiKey: "OPENAI_API_KEY",
  model: "USERALIGN_LLM_MODEL",
} as const;

/** OpenAI's own endpoint, the default when neither an option nor OPENAI_BASE_URL names one. */
export const DEFAULT_BASE_URL = "https://api.openai.com/v1";

/** Where to send requests, resolved from options first, then the environment. */
export interface ResolvedEndpoint {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:8080/v1`. */
  readonly baseUrl: string;
  readonly apiKey: string | undefined;
  readonly model: string | undefined;
}

/** Reads `process.env` where there is one (Node), nothing in browsers. */
export function defaultEnv(): Readonly<Record<string, string | undefined>> {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env ?? {};
}

/**
 * Resolves base URL, key and model. The base URL is the API root including `/v1`, as for the
 * OpenAI SDKs (`http://localhost:11434/v1` for Ollama); `/chat/completions` is appended. A local
 * server needs no key; OpenAI's own endpoint does, and asking it without one is a configuration
 * error raised here rather than a 401 later.
 */
export function resolveEndpoint(
  options: { baseUrl?: string | undefined; apiKey?: string | undefined; model?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): ResolvedEndpoint {
  const raw = options.baseUrl ?? nonEmpty(env[ENV.baseUrl]) ?? DEFAULT_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ProviderError(`The chat API base URL "${raw}" is not a URL (expected something like http://127.0.0.1:8080/v1).`, {
      reason: "configuration",
    });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ProviderError(`The chat API base URL "${raw}" must use http or https.`, { reason: "configuration" });
  }
  const baseUrl = url.toString().replace(/\/+$/, "");
  const apiKey = options.apiKey ?? nonEmpty(env[ENV.apiKey]);
  if (apiKey === undefined && url.hostname === "api.openai.com") {
    throw new ProviderError(`${baseUrl} needs an API key: pass apiKey or set ${ENV.apiKey} (or point ${ENV.baseUrl} at a local server).`, {
      reason: "configuration",
    });
  }
  return { baseUrl, apiKey, model: options.model ?? nonEmpty(env[ENV.model]) };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
