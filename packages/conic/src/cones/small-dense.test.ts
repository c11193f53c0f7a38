import { describe, expect, it } from "vitest";
import { clipToPositiveDefinite3, isPositiveDefinite3, solve3, symmetrize3 } from "./small-dense.js";

describe("3×3 helpers", () => {
  it("solve3 solves a nonsymmetric system into the output vector", () => {
    const M = [4, 1, -2, 0.5, 3, 1, -1, 2, 5];
    const x = [0.3, -1.2, 2.5];
    const r = [0, 1, 2].map((i) => M[3 * i]! * x[0]! + M[3 * i + 1]! * x[1]! + M[3 * i + 2]! * x[2]!);
    const out = new Float64Array(3);
    expect(solve3(M, r[0]!, r[1]!, r[2]!, out)).toBe(true);
    for (let i = 0; i < 3; i++) expect(out[i]!).toBeCloseTo(x[i]!, 13);
  });

  it("solve3 reports a singular matrix and leaves the output alone", () => {
    const out = Float64Array.of(7, 7, 7);
    expect(solve3([1, 2, 3, 2, 4, 6, 0, 1, 1], 1, 2, 3, out)).toBe(false);
    expect(Array.from(out)).toEqual([7, 7, 7]);
    expect(solve3([1, 2, 3, 2, 4, 6, 0, 1, Number.NaN], 1, 2, 3, out)).toBe(false);
  });

  it("clips a rounding-indefinite matrix to a positive definite one close to it", () => {
    const M = Float64Array.of(1, 1, 0, 1, 1, 0, 0, 0, 2);
    M[4] = 1 - 1e-14;
    symmetrize3(M);
    expect(isPositiveDefinite3(M)).toBe(false);
    clipToPositiveDefinite3(M, 1e-10);
    expect(isPositiveDefinite3(M)).toBe(true);
    expect(Math.abs(M[0]! - 1)).toBeLessThan(1e-9);
  });
});
