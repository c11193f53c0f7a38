import { checkInteger, checkTexts, runBatches } from "../batches.js";
import type { EmbedOptions, Embeddings, TextEmbedder } from "../embedder.js";
import { EmbeddingError } from "../errors.js";
import { parseEmbeddingsResponse } from "./embeddings-response.js";
import { postJson } from "./post-json.js";
import type { RetryPolicy } from "./retry-policy.js";

/** Options of {@link createOpenAIEmbedder}. */
export interface OpenAIEmbedderOptions {
  /** The model name the server knows (`text-embedding-3-small`, `nomic-embed-text`, …). */
  model: string;
  /**
   * Base URL up to and including the version segment; requests go to `${baseUrl}/embeddings`.
   * @default env.OPENAI_BASE_URL, else "https://api.openai.com/v1"
   */
  baseUrl?: string;
  /**
   * Bearer token. Local servers (vLLM, llama.cpp, Ollama) usually need none.
   * @default env.OPENAI_API_KEY (no Authorization header when unset)
   */
  apiKey?: string;
  /**
   * Where `OPENAI_BASE_URL` / `OPENAI_API_KEY` are looked up.
   * @default process.env where it exists, else {}
   */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Expected numbers per embedding; every row is checked against it. When unset, the first
   * answer fixes it.
   */
  dimension?: number;
  /**
   * Also send `dimensions: dimension` in the request (OpenAI's text-embedding-3 models shorten
   * their vectors on request; many other servers reject the field).
   * @default false
   */
  requestDimensions?: boolean;
  /**
   * Texts per request.
   * @default 64
   */
  batchSize?: number;
  /**
   * Requests in flight at once.
   * @default 4
   */
  concurrency?: number;
  /**
   * Per-request timeout, including reading the body.
   * @default 60000
   */
  timeoutMs?: number;
  /** Retries on timeouts, network errors and 408 / 429 / 5xx (see {@link RetryPolicy} defaults). */
  retry?: RetryPolicy;
  /**
   * The fetch to use (inject for tests, proxies or logging).
   * @default globalThis.fetch
   */
  fetch?: typeof fetch;
  /**
   * Waits between retries.
   * @default a real timer
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * An embedder over any OpenAI-compatible `POST /v1/embeddings` (OpenAI, vLLM, llama.cpp's server,
 * Ollama, LM Studio, TEI). Inputs are sent `batchSize` at a time, at most `concurrency` requests
 * at once, with a timeout and retries per request. Every answer is validated: a body that is not
 * JSON or not shaped like an embeddings response is `malformed_response` naming the bad field, a
 * row of the wrong length is `wrong_dimension`, a failing status is `http_status`.
 */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): TextEmbedder {
  const provider = "openai";
  if (typeof options.model !== "string" || options.model.trim() === "") {
    throw new EmbeddingError("invalid_options", `${provider}: model must be a non-empty string (the model name the server knows).`);
  }
  const env = options.env ?? (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const baseUrl = (options.baseUrl ?? nonEmpty(env["OPENAI_BASE_URL"]) ?? "https://api.openai.com/v1").replace(/\/+$/, "");
  if (!/^https?:\/\//i.test(baseUrl)) {
    throw new EmbeddingError("invalid_options", `${provider}: baseUrl must start with http:// or https://; got "${baseUrl}".`);
  }
  const apiKey = options.apiKey ?? nonEmpty(env["OPENAI_API_KEY"]);
  const batchSize = checkInteger(provider, "batchSize", options.batchSize ?? 64, 1);
  const concurrency = checkInteger(provider, "concurrency", options.concurrency ?? 4, 1);
  const timeoutMs = checkInteger(provider, "timeoutMs", options.timeoutMs ?? 60_000, 1);
  if (options.dimension !== undefined) checkInteger(provider, "dimension", options.dimension, 1);
  if (options.requestDimensions && options.dimension === undefined) {
    throw new EmbeddingError("invalid_options", `${provider}: requestDimensions needs dimension.`);
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== "function") {
    throw new EmbeddingError("invalid_options", `${provider}: no fetch available; pass options.fetch.`);
  }
  const url = `${baseUrl}/embeddings`;
  const headers: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  let dimension = options.dimension;

  return {
    provider,
    model: options.model,
    get dimension() {
      return dimension;
    },
    async embedTexts(texts: readonly string[], callOptions: EmbedOptions = {}): Promise<Embeddings> {
      checkTexts(texts, provider);
      const result = await runBatches(
        texts.length,
        { batchSize, concurrency, dimension, provider },
        async (start, end, signal) => {
          const body: Record<string, unknown> = { model: options.model, input: texts.slice(start, end), encoding_format: "float" };
          if (options.requestDimensions) body["dimensions"] = dimension;
          const answer = await postJson({
            url,
            headers,
            body,
            timeoutMs,
            policy: options.retry ?? {},
            fetch: fetchImpl,
            signal,
            provider,
            ...(options.sleep ? { sleep: options.sleep } : {}),
          });
          return parseEmbeddingsResponse(answer, end - start, `${provider}: ${url} (inputs ${start}–${end - 1})`);
        },
        callOptions,
      );
      if (result.count > 0) dimension ??= result.dimension;
      return result;
    },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}
