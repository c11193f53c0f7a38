import { describe, expect, it } from "vitest";
import {
  dualBarrier,
  dualGradient,
  dualHessian,
  isDualInterior,
  isPrimalInterior,
  primalBarrier,
  primalGradient,
  wrightOmega,
} from "./exp-barrier.js";
import { EXP_CENTRAL_POINT, ExponentialCone } from "./exp.js";

const s0 = Float64Array.from([-0.3, 0.8, 1.9]);
const z0 = Float64Array.from([-0.7, 0.4, 1.3]);

function numericGradient(f: (v: Float64Array) => number, v: Float64Array): number[] {
  return [0, 1, 2].map((i) => {
    const h = 1e-6;
    const p = v.slice();
    const m = v.slice();
    p[i]! += h;
    m[i]! -= h;
    return (f(p) - f(m)) / (2 * h);
  });
}

describe("exponential cone barriers", () => {
  it("the test points are interior", () => {
    expect(isPrimalInterior(s0, 0)).toBe(true);
    expect(isDualInterior(z0, 0)).toBe(true);
  });

  it("analytic gradients match central differences of the barriers", () => {
    const g = new Float64Array(3);
    primalGradient(g, s0, 0);
    numericGradient((v) => primalBarrier(v, 0), s0).forEach((x, i) => expect(g[i]).toBeCloseTo(x, 6));
    dualGradient(g, z0, 0);
    numericGradient((v) => dualBarrier(v, 0), z0).forEach((x, i) => expect(g[i]).toBeCloseTo(x, 6));
  });

  it("the dual Hessian matches differences of the gradient and is log-homogeneous (∇²f*(z)z = −∇f*(z))", () => {
    const H = new Float64Array(9);
    dualHessian(H, z0, 0);
    for (let j = 0; j < 3; j++) {
      const col = numericGradient((v) => {
        const g = new Float64Array(3);
        dualGradient(g, v, 0);
        return g[j]!;
      }, z0);
      col.forEach((x, i) => expect(H[3 * i + j]).toBeCloseTo(x, 5));
    }
    const g = new Float64Array(3);
    dualGradient(g, z0, 0);
    for (let i = 0; i < 3; i++) expect(H[3 * i]! * z0[0]! + H[3 * i + 1]! * z0[1]! + H[3 * i + 2]! * z0[2]!).toBeCloseTo(-g[i]!, 10);
    expect(g[0]! * z0[0]! + g[1]! * z0[1]! + g[2]! * z0[2]!).toBeCloseTo(-3, 12);
  });

  it("f is the conjugate of f*: s = −∇f*(z) gives ∇f(s) = −z, and ω solves y + log y = t", () => {
    const g = new Float64Array(3);
    dualGradient(g, z0, 0);
    const s = g.map((v) => -v);
    expect(isPrimalInterior(s, 0)).toBe(true);
    const gs = new Float64Array(3);
    primalGradient(gs, s, 0);
    for (let i = 0; i < 3; i++) expect(gs[i]).toBeCloseTo(-z0[i]!, 9);
    for (const t of [1 + 1e-9, 1.5, 4, 100, 1e6]) {
      const w = wrightOmega(t);
      expect(Math.abs(w + Math.log(w) - t)).toBeLessThan(1e-12 * t);
    }
  });

  it("the central point satisfies s = −∇f*(s)", () => {
    const c = Float64Array.from(EXP_CENTRAL_POINT);
    const g = new Float64Array(3);
    dualGradient(g, c, 0);
    for (let i = 0; i < 3; i++) expect(-g[i]!).toBeCloseTo(c[i]!, 7);
  });
});

describe("exponential cone scaling", () => {
  for (const dualOnly of [false, true]) {
    it(`${dualOnly ? "dual" : "primal–dual"} scaling is symmetric positive definite${dualOnly ? "" : " and maps z → s, z̃ → s̃"}`, () => {
      const cone = new ExponentialCone(0);
      const mu = (s0[0]! * z0[0]! + s0[1]! * z0[1]! + s0[2]! * z0[2]!) / 3;
      expect(cone.updateScaling(s0, z0, mu, dualOnly)).toBe(true);
      const out = new Float64Array(3);
      cone.multiplyHessian(out, z0);
      const packed = new Float64Array(6);
      cone.writeHessian(packed, 0);
      // Upper triangle by columns: (0,0) (0,1) (1,1) (0,2) (1,2) (2,2).
      expect(packed[0]! > 0 && packed[0]! * packed[2]! - packed[1]! ** 2 > 0).toBe(true);
      if (!dualOnly) {
        for (let i = 0; i < 3; i++) expect(out[i]).toBeCloseTo(s0[i]!, 10);
        const zShadow = new Float64Array(3);
        primalGradient(zShadow, s0, 0);
        zShadow.forEach((v, i) => (zShadow[i] = -v));
        const sShadow = new Float64Array(3);
        dualGradient(sShadow, z0, 0);
        cone.multiplyHessian(out, zShadow);
        for (let i = 0; i < 3; i++) expect(out[i]).toBeCloseTo(-sShadow[i]!, 10);
      }
    });
  }
});

describe("positive-definite repair of 3×3 scalings", () => {
  it("leaves a PD matrix's action intact and lifts a rounding-level negative eigenvalue", async () => {
    const { clipToPositiveDefinite3, isPositiveDefinite3 } = await import("./small-dense.js");
    const pd = Float64Array.from([4, 1, 0, 1, 3, 0.5, 0, 0.5, 2]);
    const copy = pd.slice();
    clipToPositiveDefinite3(pd, 1e-13);
    pd.forEach((v, i) => expect(v).toBeCloseTo(copy[i]!, 12));
    // g gᵀ·1e8 minus a little: one huge eigenvalue, one slightly negative.
    const g = [1, -2, 0.5];
    const bad = Float64Array.from({ length: 9 }, (_, k) => 1e8 * g[Math.floor(k / 3)]! * g[k % 3]! - (k % 4 === 0 ? 1e-9 : 0));
    expect(isPositiveDefinite3(bad)).toBe(false);
    clipToPositiveDefinite3(bad, 1e-13);
    expect(isPositiveDefinite3(bad)).toBe(true);
    expect(bad[0]).toBeCloseTo(1e8, 0);
  });
});
