import { choleskyInPlace } from "../linalg/cholesky.js";
import type { HalfspaceSystem } from "./cone-projection.js";
import { rowPasses } from "./row-passes.js";

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
 * all candidates ({@link rowPasses}: contiguous, in a WebAssembly SIMD kernel where the platform
 * has one): O(p²·N) for the step instead of O(p²) of scattered work per candidate.
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
  const gather = (full: Float64Array, out: Float64Array): Float64Array => {
    if (!subset) out.set(full);
    else for (let m = 0; m < n; m++) out[m] = full[subset[m]!]!;
    return out;
  };
  const { beta, betaAbs, xx, ww } = rowPasses(p, n, factor, (i, out) => gather(rows.halfspaceRow(passive[i]!, whole), out));
  const out = gather(rows.normsSq(whole), new Float64Array(n));
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
