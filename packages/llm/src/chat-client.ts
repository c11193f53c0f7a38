import { isRetryableStatus, parseRetryAfter, retryDelay, retrySettings, type RetryOptions } from "./backoff.js";
import { cacheKey, type CachedCompletion, type ChatCache } from "./cache.js";
import { UserAlignError } from "@useralign/core";
import { checkRequest, formatIssuePath, parseCompletion } from "./chat-schema.js";
import type { ChatCompletion, ChatRequest } from "./chat-types.js";
import { defaultEnv, resolveEndpoint } from "./client-config.js";
import { systemClock, type Clock } from "./clock.js";
import { ProviderError, truncate } from "./provider-error.js";
import { Semaphore } from "./semaphore.js";

/** The subset of `fetch` the client calls; inject one to add proxies, logging or a test double. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/** Options of {@link createChatClient}. */
export interface ChatClientOptions {
  /** API root including `/v1`. @default env OPENAI_BASE_URL, else "https://api.openai.com/v1" */
  baseUrl?: string;
  /** Bearer token. @default env OPENAI_API_KEY (none for local servers) */
  apiKey?: string;
  /** Model for requests that do not name one. @default env USERALIGN_LLM_MODEL */
  model?: string;
  /** Where the defaults above are read. @default process.env in Node, {} elsewhere */
  env?: Readonly<Record<string, string | undefined>>;
  /** @default globalThis.fetch */
  fetch?: FetchLike;
  /** Time source for backoff and timeouts. @default the system clock */
  clock?: Clock;
  /** Uniform [0, 1) draws for backoff jitter. @default Math.random */
  random?: () => number;
  /** Per-attempt limit from sending the request to reading the whole body. @default 60000 */
  timeoutMs?: number;
  /** Retries on 408/429/5xx, timeouts and network errors. @default { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30000 } */
  retry?: RetryOptions;
  /** Requests in flight at once (a retry's backoff keeps its slot, which eases a throttled server). @default 4 */
  concurrency?: number;
  /** Completions are looked up here first and stored after every successful call. @default no cache */
  cache?: ChatCache;
  /** Extra HTTP headers on every request. @default {} */
  headers?: Readonly<Record<string, string>>;
}

/** Counters of a client since it was created. */
export interface ChatClientStats {
  /** Calls to `complete`. */
  calls: number;
  /** Calls answered from the cache with no request. */
  cacheHits: number;
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Of those, repeats after a retryable failure. */
  retries: number;
  /** The most requests that were in flight at the same time. */
  maxInFlight: number;
}

/** A chat-completions client. */
export interface ChatClient {
  /** Base URL and default model this client talks to. */
  readonly baseUrl: string;
  readonly model: string | undefined;
  /**
   * One completion: from the cache when present, otherwise over HTTP with timeout, retries and
   * the concurrency limit. Throws {@link ProviderError} (code `provider_error`) on failure.
   */
  complete(request: ChatRequest, options?: { signal?: AbortSignal }): Promise<ChatCompletion>;
  /** A snapshot of the counters. */
  stats(): ChatClientStats;
}

// Marks our own timeout when it aborts a fetch, to tell it apart from the caller's signal.
class AttemptTimeout extends Error {}

/** Creates a client for an OpenAI-compatible `/v1/chat/completions` endpoint. */
export function createChatClient(options: ChatClientOptions = {}): ChatClient {
  const endpoint = resolveEndpoint(options, options.env ?? defaultEnv());
  const url = `${endpoint.baseUrl}/chat/completions`;
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 60_000;
  if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive; got ${timeoutMs}.`);
  const retry = retrySettings(options.retry);
  const semaphore = new Semaphore(options.concurrency ?? 4);
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json", ...options.headers };
  if (endpoint.apiKey !== undefined) headers["authorization"] = `Bearer ${endpoint.apiKey}`;
  const stats: ChatClientStats = { calls: 0, cacheHits: 0, requests: 0, retries: 0, maxInFlight: 0 };

  const fail = (message: string, details: ConstructorParameters<typeof ProviderError>[1]) =>
    new ProviderError(`Chat model at ${url}: ${message}`, details);

  /** One HTTP attempt: the response status, headers and whole body, or a thrown failure. */
  async function attempt(
    body: string,
    signal: AbortSignal | undefined,
  ): Promise<{ status: number; retryAfter: string | null; text: string }> {
    const controller = new AbortController();
    const stopTimer = new AbortController();
    const onCallerAbort = () => controller.abort(signal!.reason);
    signal?.addEventListener("abort", onCallerAbort, { once: true });
    clock.sleep(timeoutMs, stopTimer.signal).then(
      () => controller.abort(new AttemptTimeout()),
      () => undefined,
    );
    stats.requests++;
    stats.maxInFlight = Math.max(stats.maxInFlight, semaphore.inFlight);
    try {
      const response = await fetchImpl(url, { method: "POST", headers, body, signal: controller.signal });
      const text = await response.text();
      return { status: response.status, retryAfter: response.headers.get("retry-after"), text };
    } catch (e) {
      if (controller.signal.reason instanceof AttemptTimeout) throw new AttemptTimeout();
      throw e;
    } finally {
      stopTimer.abort();
      signal?.removeEventListener("abort", onCallerAbort);
    }
  }

  async function send(body: string, signal: AbortSignal | undefined): Promise<Omit<ChatCompletion, "cached">> {
    for (let n = 0; ; n++) {
      const attempts = n + 1;
      // A call that waited for its slot may have been cancelled meanwhile: do not send it.
      if (signal?.aborted) throw fail("aborted by the caller", { reason: "aborted", attempts: n });
      let retryAfterMs: number | undefined;
      // What went wrong with this attempt, kept apart so the final error can add the attempt count.
      let problem: string;
      let details: ConstructorParameters<typeof ProviderError>[1];
      try {
        const r = await attempt(body, signal);
        if (r.status >= 200 && r.status < 300) return decode(r.text, attempts);
        problem = `HTTP ${r.status}${serverMessage(r.text)}`;
        details = { reason: "http_status", status: r.status, attempts };
        if (!isRetryableStatus(r.status)) throw fail(problem, details);
        retryAfterMs = parseRetryAfter(r.retryAfter, clock.now());
      } catch (e) {
        if (e instanceof ProviderError) throw e;
        if (signal?.aborted) throw fail("aborted by the caller", { reason: "aborted", attempts });
        if (e instanceof AttemptTimeout) {
          problem = `no complete response within ${timeoutMs} ms`;
          details = { reason: "timeout", attempts };
        } else {
          problem = `request failed: ${networkMessage(e)}`;
          details = { reason: "network", attempts };
        }
      }
      if (n >= retry.maxRetries) throw fail(n === 0 ? problem : `${problem} (gave up after ${attempts} attempts)`, details);
      stats.retries++;
      try {
        await clock.sleep(retryDelay(n, retry, random, retryAfterMs), signal);
      } catch {
        throw fail("aborted by the caller", { reason: "aborted", attempts });
      }
    }
  }

  function decode(text: string, attempts: number): Omit<ChatCompletion, "cached"> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw fail(`malformed response: the body is not JSON: ${JSON.stringify(truncate(text, 120))}`, {
        reason: "malformed_response",
        attempts,
        status: 200,
      });
    }
    const parsed = parseCompletion(json);
    if (!parsed.ok) {
      const lines = parsed.issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`);
      throw fail(`malformed response: ${lines.join("; ")}`, { reason: "malformed_response", attempts, status: 200, issues: parsed.issues });
    }
    return parsed.completion;
  }

  return {
    baseUrl: endpoint.baseUrl,
    model: endpoint.model,
    stats: () => ({ ...stats }),
    async complete(request, callOptions = {}) {
      stats.calls++;
      const issues = checkRequest(request);
      if (issues.length > 0) {
        const lines = issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`);
        throw new UserAlignError("invalid_input", `Invalid chat request: ${lines.join("; ")}`, issues);
      }
      if (callOptions.signal?.aborted) throw fail("aborted by the caller", { reason: "aborted", attempts: 0 });
      const model = request.model ?? endpoint.model;
      if (model === undefined || model.trim() === "") {
        throw fail("no model given: pass model to the request or the client, or set USERALIGN_LLM_MODEL", { reason: "configuration" });
      }
      const parameters = wireParameters(request);
      const key = options.cache ? await cacheKey({ model, messages: request.messages, parameters }) : undefined;
      if (options.cache && key !== undefined) {
        const hit = await options.cache.get(key);
        if (hit) {
          stats.cacheHits++;
          return { ...hit, cached: true };
        }
      }
      const body = JSON.stringify({ model, messages: request.messages.map((m) => ({ role: m.role, content: m.content })), ...parameters });
      const completion = await semaphore.run(() => send(body, callOptions.signal));
      if (options.cache && key !== undefined) {
        const entry: CachedCompletion = {
          content: completion.content,
          finishReason: completion.finishReason,
          model: completion.model,
          usage: completion.usage,
        };
        await options.cache.set(key, entry);
      }
      return { ...completion, cached: false };
    },
  };
}

/** The request's sampling parameters under their wire names (undefined ones dropped). */
function wireParameters(request: ChatRequest): Record<string, unknown> {
  const out: Record<string, unknown> = { ...request.extra };
  if (request.temperature !== undefined) out["temperature"] = request.temperature;
  if (request.maxTokens !== undefined) out["max_tokens"] = request.maxTokens;
  if (request.seed !== undefined) out["seed"] = request.seed;
  if (request.topP !== undefined) out["top_p"] = request.topP;
  return out;
}

/** The server's own explanation from an OpenAI-style error body, if any. */
function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string };
    const message = typeof body.error === "string" ? body.error : body.error?.message;
    if (typeof message === "string" && message !== "") return `: ${truncate(message, 200)}`;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return text.trim() === "" ? "" : `: ${truncate(text.trim(), 200)}`;
}

function networkMessage(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.code === "string") return `${cause.code}${typeof cause.message === "string" ? ` (${cause.message})` : ""}`;
  return e instanceof Error ? e.message : String(e);
}
