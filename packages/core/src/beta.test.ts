import { describe, expect, it } from "vitest";
import { confidenceRadius } from "./beta.js";

describe("β_t", () => {
  it("matches method.md step 3 at hand-computed points", () => {
    // t = 0: 10·d·log(e) + 2·(e − 2 + S)·log(1/δ) = 10d + 2(e + 1)·log 20 at S = 3, δ = 0.05.
    expect(confidenceRadius(0, 2, 3, 0.05)).toBeCloseTo(20 + 2 * (Math.E + 1) * Math.log(20), 12);
    expect(confidenceRadius(8, 2, 3, 0.05)).toBeCloseTo(20 * Math.log(3 + Math.E) + 2 * (Math.E + 1) * Math.log(20), 12);
    expect(confidenceRadius(50, 64, 3, 0.05)).toBeGreaterThan(confidenceRadius(10, 64, 3, 0.05));
  });
});
