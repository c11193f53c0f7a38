import { choleskyInPlace } from "../linalg/cholesky.js";
import type { HalfspaceSystem } from "./cone-projection.js";

/** Cholesky pivot floor of G_PP, relative to its largest diagonal entry. */
const PIVOT_FLOOR = 1e-13;
/** Relative slack on every bound, far above the rounding of the formulas below. */
const BOUND_SLACK = 1e-10;
/** Unit roundoff of double precision. */
const EPSILON = 2 ** -53;

/** What {@link passiveSetBounds} reads of a step's candidates, one row over all of them at a time. */
export interface CandidateRows {
  /** Number of candidates (length of every row). */
  readonly count: number;
  /** ⟨ẑ_k, a_j⟩ = ⟨z_k, c_j⟩ for every candidate j into `out`. */
  halfspaceRow(k: number, out: Float64Array): Float64Array;
  /** ‖c_j‖² for every candidate j into `out`. */
  normsSq(out: Float64Array): Float64Array;
}

/**
 * Upper bounds on ‖Π_C(c_j)‖² for every candidate j at once, from one passive set P (the support
 * of an exact projection of the step, which most candidates share: the rows y⁽¹⁾ won).
 *
 * For any μ ≥ 0, ‖Π_C(c)‖² ≤ ‖c + Ẑᵀμ‖² = ‖c‖² + 2bᵀμ + μᵀGμ with b = Ẑc (Moreau: Π_C(c) is the
 * residual of the closest point of the polar cone, and −Ẑᵀμ lies in it). Take μ = x⁺ on P with
 * x = −G_PP⁻¹·b_P, scaled optimally: ‖c‖² − (bᵀx⁺)²/(x⁺ᵀGx⁺) when bᵀx⁺ < 0, with
 * x⁺ᵀGx⁺ = ‖Lᵀx⁺‖² = ‖y − Lᵀx⁻‖², y = L⁻¹(−b_P) = Lᵀx up to the rounding of the back substitution
 * (bounded and added), x⁻ = min(x, 0). Every row operation runs over
 * all candidates (contiguous, one pass per pair of passive rows): O(p²·N) for the step instead of
 * O(p²) of scattered work per candidate.
 *
 * Bounds are computed for the candidates in `subset` (all of them when omitted) and returned
 * aligned with it. Returns null when G_PP is not numerically positive definite (the caller keeps
 * its own bounds).
 */
export function passiveSetBounds(
  system: HalfspaceSystem,
  passive: ArrayLike<number>,
  p: number,
  rows: CandidateRows,
  subset?: Int32Array,
): Float64Array | null {
  const n = subset ? subset.length : rows.count;
  const { gram, gramStride } = system;
  const factor = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) factor[i * p + j] = gram[passive[i]! * gramStride + passive[j]!]!;
  if (!choleskyInPlace(factor, p, PIVOT_FLOOR)) return null;
  // |Lᵀ| summed: the back substitution's rounding is at most p·ε·‖|Lᵀ|·|x|‖.
  let lAbs = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) lAbs += factor[i * p + j]! ** 2;
  lAbs = Math.sqrt(lAbs);
  const whole = new Float64Array(rows.count);
  const gather = (full: Float64Array): Float64Array => {
    if (!subset) return full.slice();
    const out = new Float64Array(n);
    for (let m = 0; m < n; m++) out[m] = full[subset[m]!]!;
    return out;
  };
  const b = Array.from({ length: p }, (_, i) => gather(rows.halfspaceRow(passive[i]!, whole)));
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
  // Lᵀx⁺ = Lᵀx − Lᵀx⁻ with Lᵀx = y (to the back substitution's rounding, bounded below), into y's
  // rows: row i subtracts column i of Lᵀ (row k ≥ i of L) times x⁻. Nearly every candidate has some
  // negative entry (N = 1000, d = 512, t = 50: 956 of 957), so this runs over all of them at once
  // rather than per candidate with strided reads. Where x⁻ = 0 the row stays y exactly.
  const ww = new Float64Array(n);
  for (let i = 0; i < p; i++) {
    const wi = y[i]!;
    subtractRows(wi, factor, i, p, b, i, p);
    for (let j = 0; j < n; j++) ww[j]! += wi[j]! * wi[j]!;
  }
  const out = gather(rows.normsSq(whole));
  const backError = 2 * (p + 1) * EPSILON * lAbs;
  for (let j = 0; j < n; j++) {
    const gamma = (Math.sqrt(ww[j]!) + backError * Math.sqrt(xx[j]!)) ** 2;
    // A smaller |β| and a larger γ only weaken the cut: both are rounded the safe way.
    const descent = -beta[j]! - (p + 1) * EPSILON * betaAbs[j]!;
    const c2 = out[j]!;
    const cut = descent > 0 && gamma > 0 ? (descent * descent) / gamma : 0;
    out[j] = c2 - cut + BOUND_SLACK * c2;
  }
  return out;
}

/**
 * target −= Σ_{k ∈ [from, to)} factor[at + k·step]·rows[k], four rows per pass over the target:
 * the passes are bound by memory traffic, and each reads and writes the target once instead of
 * four times (any summation order keeps the substitution's rounding within the bound used above).
 */
function subtractRows(
  target: Float64Array,
  factor: Float64Array,
  at: number,
  step: number,
  rows: Float64Array[],
  from: number,
  to: number,
): void {
  const n = target.length;
  let k = from;
  for (; k + 3 < to; k += 4) {
    const l0 = factor[at + k * step]!;
    const l1 = factor[at + (k + 1) * step]!;
    const l2 = factor[at + (k + 2) * step]!;
    const l3 = factor[at + (k + 3) * step]!;
    const r0 = rows[k]!;
    const r1 = rows[k + 1]!;
    const r2 = rows[k + 2]!;
    const r3 = rows[k + 3]!;
    for (let j = 0; j < n; j++) target[j]! -= l0 * r0[j]! + l1 * r1[j]! + l2 * r2[j]! + l3 * r3[j]!;
  }
  for (; k < to; k++) {
    const l = factor[at + k * step]!;
    if (l === 0) continue;
    const r = rows[k]!;
    for (let j = 0; j < n; j++) target[j]! -= l * r[j]!;
  }
}
