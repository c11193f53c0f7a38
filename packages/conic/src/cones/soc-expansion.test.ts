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

/** The dense H of a cone (from its upper triangle) and η²D + aᵤaᵤᵀ/δᵤ − aᵥaᵥᵀ/δᵥ rebuilt from the expanded entries. */
function bothForms(
  dim: number,
  s: Float64Array,
  z: Float64Array,
): { dense: number[][]; expanded: number[][]; d: Float64Array; u: Float64Array; v: Float64Array; deltaU: number; deltaV: number } {
  const denseCone = new SecondOrderCone(0, dim);
  const expandedCone = new SecondOrderCone(0, dim, true);
  expect(denseCone.updateScaling(s, z)).toBe(true);
  expect(expandedCone.updateScaling(s, z)).toBe(true);
  const triangle = new Float64Array((dim * (dim + 1)) / 2);
  expect(denseCone.writeHessian(triangle, 0)).toBe(triangle.length);
  const size = expandedSocEntries(dim);
  expect(size).toBe(3 * dim + 2);
  const entries = new Float64Array(size + 2).fill(Number.NaN);
  expect(expandedCone.writeHessian(entries, 1)).toBe(size);
  // Writes nothing outside its own entries.
  expect(entries[0]).toBeNaN();
  expect(entries[size + 1]).toBeNaN();
  const d = entries.subarray(1, 1 + dim);
  const u = entries.subarray(1 + dim, 1 + 2 * dim);
  const v = entries.subarray(1 + 2 * dim, 1 + 3 * dim);
  // H's sign convention: −δᵤ then +δᵥ (the KKT matrix negates them into +δᵤ, −δᵥ).
  const deltaU = -entries[1 + 3 * dim]!;
  const deltaV = entries[2 + 3 * dim]!;
  const denseMatrix: number[][] = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
  let k = 0;
  for (let j = 0; j < dim; j++) {
    for (let i = 0; i <= j; i++) {
      denseMatrix[i]![j] = triangle[k]!;
      denseMatrix[j]![i] = triangle[k++]!;
    }
  }
  const expandedMatrix = denseMatrix.map((row, i) =>
    row.map((_, j) => (i === j ? d[i]! : 0) + (u[i]! * u[j]!) / deltaU - (v[i]! * v[j]!) / deltaV),
  );
  return { dense: denseMatrix, expanded: expandedMatrix, d, u, v, deltaU, deltaV };
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
  it.each(cases)("η²D + aᵤaᵤᵀ/δᵤ − aᵥaᵥᵀ/δᵥ equals the dense H = η²(2w̄w̄ᵀ − J) (dim %i, margin %g)", (dim, margin) => {
    const rng = testRng(31 * dim);
    for (let trial = 0; trial < 4; trial++) {
      const s = interior(dim, margin, rng);
      const z = interior(dim, margin * (trial + 1), rng);
      const { dense, expanded, d, u, v, deltaU, deltaV } = bothForms(dim, s, z);
      const scale = Math.max(...dense.flat().map(Math.abs));
      for (let i = 0; i < dim; i++)
        for (let j = 0; j < dim; j++) expect(Math.abs(expanded[i]![j]! - dense[i]![j]!)).toBeLessThanOrEqual(1e-12 * scale);
      // Quasi-definiteness of the expanded block: δᵤ, δᵥ, D > 0 and aᵥᵀ(η²D)⁻¹aᵥ/δᵥ = vᵀD⁻¹v < 1; v₀ = 0.
      expect(deltaU).toBeGreaterThan(0);
      expect(deltaV).toBeGreaterThan(0);
      let vDv = 0;
      for (let i = 0; i < dim; i++) {
        expect(d[i]).toBeGreaterThan(0);
        vDv += (v[i]! * v[i]!) / d[i]! / deltaV;
      }
      expect(vDv).toBeLessThan(1);
      expect(v[0]).toBe(0);
      // The column scaling that keeps static regularization's effect on H at ε: ε added to δᵤ
      // changes H by ε·aᵤaᵤᵀ/δᵤ², and ‖aᵤ‖²/δᵤ² = 1; likewise ‖aᵥ‖²/δᵥ² = ‖v‖² < 1.
      let aU2 = 0;
      let aV2 = 0;
      for (let i = 0; i < dim; i++) {
        aU2 += u[i]! * u[i]!;
        aV2 += v[i]! * v[i]!;
      }
      expect(aU2 / (deltaU * deltaU)).toBeCloseTo(1, 12);
      expect(aV2 / (deltaV * deltaV)).toBeLessThan(1);
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
    for (let i = 0; i < dim; i++)
      for (let j = 0; j < dim; j++) expect(Math.abs(expanded[i]![j]! - dense[i]![j]!)).toBeLessThanOrEqual(1e-12 * scale);
  });
});
