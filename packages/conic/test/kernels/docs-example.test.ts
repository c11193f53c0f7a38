import { describe, expect, it } from "vitest";
import { createLdlEngine, refine } from "../../src/index.js";

// The example of docs/conic-kernels.md, kept runnable: edit both together.
describe("docs/conic-kernels.md example", () => {
  it("solves, refines and refactors as the docs say", async () => {
    const pattern = { n: 2, colPtr: Int32Array.of(0, 1, 3), rowIdx: Int32Array.of(0, 0, 1) };
    const values = Float64Array.of(4, 1, -3);
    const signs = Int8Array.of(1, -1);
    const regularization = { staticReg: 1e-8, dynamicEps: 1e-13, dynamicDelta: 1e-7 };

    const engine = await createLdlEngine("wasm");
    engine.analyze(pattern);
    const { ok } = engine.factor(values, signs, regularization);
    expect(ok).toBe(true);
    const rhs = Float64Array.of(1, 2);
    const x = rhs.slice();
    engine.solve(x);
    // Exact: [5/13, −7/13]; static regularization moves it by ~1e-9.
    expect(Math.abs(x[0]! - 5 / 13)).toBeGreaterThan(1e-12);
    expect(Math.abs(x[0]! - 5 / 13)).toBeLessThan(1e-7);
    const result = refine(engine, pattern, values, rhs, x);
    expect(result.residualNorm).toBeLessThan(1e-15);
    expect(x[0]).toBeCloseTo(5 / 13, 15);
    expect(x[1]).toBeCloseTo(-7 / 13, 15);

    values[2] = -5;
    expect(engine.factor(values, signs, regularization).ok).toBe(true);
    const y = Float64Array.of(1, 2);
    engine.solve(y);
    // [[4, 1], [1, −5]]⁻¹ [1, 2] = [7/21, −7/21].
    expect(y[0]).toBeCloseTo(1 / 3, 7);
    expect(y[1]).toBeCloseTo(-1 / 3, 7);
  });
});
