/** When and how long to wait before trying an HTTP request again. */
export interface RetryPolicy {
  /**
   * Retries after the first attempt (0 = never retry).
   * @default 3
   */
  retries?: number;
  /**
   * Wait before the first retry; doubles on each further retry.
   * @default 500
   */
  initialDelayMs?: number;
  /**
   * Cap on the doubled wait.
   * @default 8000
   */
  maxDelayMs?: number;
  /**
   * Cap on a server's `Retry-After` (which otherwise replaces the doubled wait).
   * @default 60000
   */
  maxRetryAfterMs?: number;
}

/** Statuses worth another try: rate limiting, request timeout, and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/**
 * The wait before retry number `attempt` (0-based): the server's `Retry-After` (seconds or an
 * HTTP date) when given, else `initialDelayMs · 2^attempt`, each capped. No jitter: runs stay
 * reproducible, and the concurrency limit already bounds the burst.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, retryAfter: string | null, now: number): number {
  const initial = policy.initialDelayMs ?? 500;
  const cap = policy.maxDelayMs ?? 8000;
  if (retryAfter !== null && retryAfter.trim() !== "") {
    const seconds = Number(retryAfter);
    const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now;
    if (Number.isFinite(ms)) return Math.min(Math.max(ms, 0), policy.maxRetryAfterMs ?? 60_000);
  }
  return Math.min(initial * 2 ** attempt, cap);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
