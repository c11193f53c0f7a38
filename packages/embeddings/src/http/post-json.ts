import { EmbeddingError } from "../errors.js";
import { isRetryableStatus, retryDelayMs, sleep as realSleep, type RetryPolicy } from "./retry-policy.js";

/** One JSON POST with its timeout and retry settings. */
export interface JsonPost {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** Per attempt, covering the response body too. */
  timeoutMs: number;
  policy: RetryPolicy;
  fetch: typeof fetch;
  /** Waits between attempts (injected by tests to skip real time). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Cancels the request and any wait; the call rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Names the provider in error messages. */
  provider: string;
}

const TIMED_OUT = Symbol("timed out");

/**
 * POSTs `body` as JSON and returns the parsed JSON answer. Retries timeouts, network failures
 * and statuses 408 / 429 / 5xx with backoff (honouring `Retry-After`); any other non-2xx status
 * fails at once. Throws {@link EmbeddingError}: `http_status` (with the server's own error message
 * when it sent one), `timeout`, `network` or `malformed_response` (the body is not JSON).
 */
export async function postJson(post: JsonPost): Promise<unknown> {
  const { policy, signal, provider } = post;
  const wait = post.sleep ?? realSleep;
  const retries = policy.retries ?? 3;
  const attempts = retries + 1;
  for (let attempt = 0; ; attempt++) {
    signal?.throwIfAborted();
    const last = attempt === retries;
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const timer = setTimeout(() => controller.abort(TIMED_OUT), post.timeoutMs);
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const response = await post.fetch(post.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...post.headers },
        body: JSON.stringify(post.body),
        signal: controller.signal,
      });
      status = response.status;
      retryAfter = response.headers.get("retry-after");
      text = await response.text();
    } catch (cause) {
      if (signal?.aborted) throw signal.reason;
      const timedOut = controller.signal.reason === TIMED_OUT;
      const error = timedOut
        ? new EmbeddingError(
            "timeout",
            `${provider}: ${post.url} did not answer within ${post.timeoutMs} ms (${attempts} attempt${attempts > 1 ? "s" : ""}).`,
            { cause },
          )
        : new EmbeddingError(
            "network",
            `${provider}: cannot reach ${post.url}: ${describe(cause)} (${attempts} attempt${attempts > 1 ? "s" : ""}).`,
            { cause },
          );
      if (last) throw error;
      await wait(retryDelayMs(policy, attempt, null, Date.now()), signal);
      continue;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    }

    if (status < 200 || status > 299) {
      if (!last && isRetryableStatus(status)) {
        await wait(retryDelayMs(policy, attempt, retryAfter, Date.now()), signal);
        continue;
      }
      const tries = isRetryableStatus(status) ? ` after ${attempts} attempt${attempts > 1 ? "s" : ""}` : "";
      throw new EmbeddingError("http_status", `${provider}: ${post.url} answered HTTP ${status}${tries}: ${serverMessage(text)}`, {
        status,
      });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new EmbeddingError(
        "malformed_response",
        `${provider}: ${post.url} answered HTTP ${status} with a body that is not JSON: ${excerpt(text)}`,
      );
    }
  }
}

/** The `error.message` of an OpenAI-style error body, else the start of the body. */
function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof body.error === "string" ? body.error : (body.error?.message ?? body.message);
    if (typeof message === "string" && message !== "") return message;
  } catch {
    // Not JSON: fall through to the raw text.
  }
  return excerpt(text);
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat === "") return "(empty body)";
  return JSON.stringify(flat.length > 200 ? `${flat.slice(0, 200)}…` : flat);
}

function describe(cause: unknown): string {
  const inner = (cause as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (inner && typeof inner.code === "string") return inner.code;
  return cause instanceof Error ? cause.message : String(cause);
}
