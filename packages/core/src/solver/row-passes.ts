import { subtractRows } from "../linalg/row-updates.js";
import { rowPassesWasm } from "./row-passes-kernel.js";

/** Per-candidate sums of {@link rowPasses}, each of length n. */
export interface RowPassSums {
  /** β = bᵀx⁺. */
  readonly beta: Float64Array;
  /** Σ_i |b_i·x_i⁺| (bounds β's rounding). */
  readonly betaAbs: Float64Array;
  /** ‖x‖². */
  readonly xx: Float64Array;
  /** ‖Lᵀx⁺‖², computed as ‖y − Lᵀx⁻‖² with y = Lᵀx. */
  readonly ww: Float64Array;
}

/** Writes row i of b (the candidates' ⟨z_k, c_j⟩ for the i-th passive row k) into `out`. */
export type FillRow = (i: number, out: Float64Array) => void;

/**
 * The row passes of the shared passive-set bounds: with L the p×p lower Cholesky factor of G_PP
 * (row-major) and b_i the rows that `fill` writes (n candidates each), y = L⁻¹(−b), x = L⁻ᵀy
 * and the sums of {@link RowPassSums}, over all candidates at once. Runs the WebAssembly SIMD
 * kernel when the platform has one (7–9× faster on 957 candidates, p = 33), else
 * {@link rowPassesTypeScript}; both give the same bits.
 */
export function rowPasses(p: number, n: number, factor: Float64Array, fill: FillRow): RowPassSums {
  return rowPassesWasm(p, n, factor, fill) ?? rowPassesTypeScript(p, n, factor, fill);
}

/** {@link rowPasses} in TypeScript (the route where WebAssembly SIMD is unavailable). */
export function rowPassesTypeScript(p: number, n: number, factor: Float64Array, fill: FillRow): RowPassSums {
  const b = Array.from({ length: p }, (_, i) => {
    const row = new Float64Array(n);
    fill(i, row);
    return row;
  });
  // y = L⁻¹(−b_P), then x = L⁻ᵀy, row by row over all candidates, in one buffer (fewer
  // allocations for the collector).
  const store = new Float64Array(2 * p * n);
  const y = Array.from({ length: p }, (_, i) => store.subarray(i * n, (i + 1) * n));
  const x = Array.from({ length: p }, (_, i) => store.subarray((p + i) * n, (p + i + 1) * n));
  for (let i = 0; i < p; i++) {
    const yi = y[i]!;
    const bi = b[i]!;
    for (let j = 0; j < n; j++) yi[j] = -bi[j]!;
    subtractRows(yi, factor, i * p, 1, y, 0, i);
    const inv = 1 / factor[i * p + i]!;
    for (let j = 0; j < n; j++) yi[j]! *= inv;
  }
  for (let i = p - 1; i >= 0; i--) {
    const xi = x[i]!;
    xi.set(y[i]!);
    subtractRows(xi, factor, i, p, x, i + 1, p);
    const inv = 1 / factor[i * p + i]!;
    for (let j = 0; j < n; j++) xi[j]! *= inv;
  }
  // Per candidate: β = bᵀx⁺ (and Σ|b·x⁺| for its rounding) and ‖x‖², accumulated row by row so
  // every pass is contiguous; b's rows then hold x⁻ = min(x, 0) (b is not read again).
  const beta = new Float64Array(n);
  const betaAbs = new Float64Array(n);
  const xx = new Float64Array(n);
  for (let i = 0; i < p; i++) {
    const xi = x[i]!;
    const bi = b[i]!;
    for (let j = 0; j < n; j++) {
      const v = xi[j]!;
      if (v < 0) bi[j] = v;
      else {
        const term = bi[j]! * v;
        beta[j]! += term;
        betaAbs[j]! += Math.abs(term);
        bi[j] = 0;
      }
      xx[j]! += v * v;
    }
  }
  // Lᵀx⁺ = Lᵀx − Lᵀx⁻ with Lᵀx = y (to the back substitution's rounding, which the caller
  // bounds), into y's rows: row i subtracts column i of Lᵀ (row k ≥ i of L) times x⁻. Nearly every
  // candidate has some negative entry (N = 1000, d = 512, t = 50: 956 of 957), so this runs over
  // all of them at once rather than per candidate with strided reads. Where x⁻ = 0 the row stays y.
  const ww = new Float64Array(n);
  for (let i = 0; i < p; i++) {
    const wi = y[i]!;
    subtractRows(wi, factor, i, p, b, i, p);
    for (let j = 0; j < n; j++) ww[j]! += wi[j]! * wi[j]!;
  }
  return { beta, betaAbs, xx, ww };
}
