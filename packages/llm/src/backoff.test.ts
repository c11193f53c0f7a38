import { describe, expect, it } from "vitest";
import { isRetryableStatus, parseRetryAfter, retryDelay, retrySettings } from "./backoff.js";

describe("retry delays", () => {
  const s = retrySettings({ baseDelayMs: 100, maxDelayMs: 1000 });

  it("double per retry, jittered into [½, 1] of the step, and capped", () => {
    expect([0, 1, 2, 3, 4].map((r) => retryDelay(r, s, () => 0))).toEqual([50, 100, 200, 400, 500]);
    expect([0, 1, 2, 3, 4].map((r) => retryDelay(r, s, () => 0.999999))).toEqual(
      [100, 200, 400, 800, 1000].map((v) => expect.closeTo(v, 2)),
    );
  });

  it("treat Retry-After as a floor, within the cap", () => {
    expect(retryDelay(0, s, () => 0, 700)).toBe(700);
    expect(retryDelay(0, s, () => 0, 5000)).toBe(1000);
    expect(retryDelay(3, s, () => 0, 10)).toBe(400);
  });

  it("parse Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:05 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it("retry 408, 429 and 5xx only", () => {
    expect([400, 401, 404, 408, 422, 429, 500, 503, 599].filter(isRetryableStatus)).toEqual([408, 429, 500, 503, 599]);
  });

  it("reject nonsense settings", () => {
    expect(() => retrySettings({ maxRetries: -1 })).toThrow(/maxRetries must be a finite number ≥ 0/);
    expect(() => retrySettings({ maxRetries: 1.5 })).toThrow(/integer/);
  });
});
