import { describe, expect, it } from "vitest";
import { testRng } from "../../test/kernels/matrices.js";
import { SecondOrderCone } from "./soc.js";
import { expandedSocEntries } from "./soc-expansion.js";

/** A point of the cone's interior: t = ‖x‖ + margin. */
function interior(dim: number, margin: number, rng: () => number): Float64Array {
  const v = new Float64Array(dim).map(() => rng() * 4 - 2);
  let norm2 = 0;
  for (let i = 1; i < dim; i++) norm2 += v[i]! ** 2;
  v[0] = Math.sqrt(norm2) + margin;
  return v;
}

/** The dense H of a cone (from its upper triangle) and the matrix η²(D + uuᵀ − vvᵀ) rebuilt from the expanded entries. */
function bothForms(dim: number, s: Float64Array, z: Float64Array): { dense: number[][]; expanded: number[][]; d: Float64Array; u: Float64Array; v: Float64Array } {
  const denseCone = new SecondOrderCone(0, dim);
  const expandedCone = new SecondOrderCone(0, dim, true);
  expect(denseCone.updateScaling(s, z)).toBe(true);
  expect(expandedCone.updateScaling(s, z)).toBe(true);
  const triangle = new Float64Array((dim * (dim + 1)) / 2);
  expect(denseCone.writeHessian(triangle, 0)).toBe(triangle.length);
  const entries = new Float64Array(expandedSocEntries(dim) + 2).fill(Number.NaN);
  expect(expandedCone.writeHessian(entries, 1)).toBe(3 * dim);
  // Writes nothing outside its own 3·dim entries.
  expect(entries[0]).toBeNaN();
  expect(entries[3 * dim + 1]).toBeNaN();
  const d = entries.subarray(1, 1 + dim);
  const u = entries.subarray(1 + dim, 1 + 2 * dim);
  const v = entries.subarray(1 + 2 * dim, 1 + 3 * dim);
  const denseMatrix: number[][] = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
  let k = 0;
  for (let j = 0; j < dim; j++) {
    for (let i = 0; i <= j; i++) {
      denseMatrix[i]![j] = triangle[k]!;
      denseMatrix[j]![i] = triangle[k++]!;
    }
  }
  // d, u, v hold η²D, ηu, ηv: η²(D + uuᵀ − vvᵀ) = diag(d) + (ηu)(ηu)ᵀ − (ηv)(ηv)ᵀ.
  const expandedMatrix = denseMatrix.map((row, i) => row.map((_, j) => (i === j ? d[i]! : 0) + u[i]! * u[j]! - v[i]! * v[j]!));
  return { dense: denseMatrix, expanded: expandedMatrix, d, u, v };
}

describe("sparse expansion of the SOC scaling block", () => {
  const cases: Array<readonly [number, number]> = [
    [1, 1],
    [2, 0.5],
    [3, 1e-3],
    [5, 1],
    [12, 1e-4],
    [40, 10],
    [7, 1e-7],
  ];
  it.each(cases)("η²(D + uuᵀ − vvᵀ) equals the dense H = η²(2w̄w̄ᵀ − J) (dim %i, margin %g)", (dim, margin) => {
    const rng = testRng(31 * dim);
    for (let trial = 0; trial < 4; trial++) {
      const s = interior(dim, margin, rng);
      const z = interior(dim, margin * (trial + 1), rng);
      const { dense, expanded, d, v } = bothForms(dim, s, z);
      const scale = Math.max(...dense.flat().map(Math.abs));
      for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) expect(Math.abs(expanded[i]![j]! - dense[i]![j]!)).toBeLessThanOrEqual(1e-12 * scale);
      // Quasi-definiteness of the expanded block: vᵀD⁻¹v < 1 (η cancels between d and v), D > 0, v₀ = 0.
      let vDv = 0;
      for (let i = 0; i < dim; i++) {
        expect(d[i]).toBeGreaterThan(0);
        vDv += (v[i]! * v[i]!) / d[i]!;
      }
      expect(vDv).toBeLessThan(1);
      expect(v[0]).toBe(0);
    }
  });

  it("stays accurate when w̄ is far from e (ω ≫ 1, where α² − 2 would cancel)", () => {
    // s and z near opposite boundary rays make w̄₀ large.
    const dim = 4;
    const s = Float64Array.of(1 + 1e-9, 1, 0, 0);
    const z = Float64Array.of(1 + 1e-9, -1, 0, 0);
    const { dense, expanded } = bothForms(dim, s, z);
    const scale = Math.max(...dense.flat().map(Math.abs));
    expect(scale).toBeGreaterThan(1e3);
    for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) expect(Math.abs(expanded[i]![j]! - dense[i]![j]!)).toBeLessThanOrEqual(1e-12 * scale);
  });
});
