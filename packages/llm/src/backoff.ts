/** How a client retries 429 and 5xx answers, timeouts and network failures. */
export interface RetryOptions {
  /**
   * Retries after the first attempt (so at most `maxRetries + 1` requests per call).
   * @default 4
   */
  maxRetries?: number;
  /**
   * Delay before the first retry, doubled on each further retry.
   * @default 500
   */
  baseDelayMs?: number;
  /**
   * Upper bound on any single delay, including one asked for by `Retry-After`.
   * @default 30000
   */
  maxDelayMs?: number;
}

/** {@link RetryOptions} with every default filled in. */
export type RetrySettings = Required<RetryOptions>;

/** Fills in the defaults of {@link RetryOptions} and rejects negative or non-finite values. */
export function retrySettings(options: RetryOptions = {}): RetrySettings {
  const s = { maxRetries: options.maxRetries ?? 4, baseDelayMs: options.baseDelayMs ?? 500, maxDelayMs: options.maxDelayMs ?? 30_000 };
  for (const [k, v] of Object.entries(s)) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`retry.${k} must be a finite number ≥ 0; got ${v}.`);
  }
  if (!Number.isInteger(s.maxRetries)) throw new RangeError(`retry.maxRetries must be an integer; got ${s.maxRetries}.`);
  return s;
}

/**
 * Delay before retry number `retry` (0-based): exponential, `base·2^retry`, with "equal jitter"
 * (a uniform draw in [½, 1] of it) so that many clients throttled together do not come back in
 * lock-step, but never less than half the exponential step. A server's `Retry-After` is a floor:
 * we wait at least that long (the server knows its quota), but never longer than `maxDelayMs`.
 */
export function retryDelay(retry: number, settings: RetrySettings, random: () => number, retryAfterMs?: number): number {
  const exponential = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** retry);
  const jittered = exponential * (0.5 + 0.5 * random());
  return Math.min(settings.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}

/**
 * Parses a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns
 * milliseconds from `now`, or undefined when absent or unparseable (then plain backoff applies).
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** HTTP statuses worth retrying: request timeout, too many requests, and server-side failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}
