import { sigmoid, softplus } from "./model.js";

/**
 * The logistic loss of method.md step 1 in reduced coordinates: L(α) = Σ_k w_k·softplus(−⟨ẑ_k, α⟩),
 * where ẑ_k are the coordinates of the distinct comparisons z = φ(winner) − φ(loser) in the
 * orthonormal basis of span(Z) and w_k how often each is in the history (an answer replayed
 * instead of asking its pair again, method.md step 7, counts once more). Summing w_k copies of a term
 * is the same L as one row per history entry; t in β_t is Σ_k w_k. Rows shorter than α are
 * zero-padded (they were recorded before later basis vectors existed).
 */
export interface ReducedRows {
  /** Number of distinct rows. */
  readonly count: number;
  /** Row k (length ≤ the current rank). */
  row(k: number): Float64Array;
  /** w_k ≥ 1, the multiplicity of row k in the history. */
  weight(k: number): number;
}

/** t = Σ_k w_k, the number of history entries behind the rows. */
export function totalWeight(rows: ReducedRows): number {
  let t = 0;
  for (let k = 0; k < rows.count; k++) t += rows.weight(k);
  return t;
}

/** Margins m_k = ⟨ẑ_k, α⟩ into `out`. */
export function margins(rows: ReducedRows, alpha: ArrayLike<number>, out: Float64Array): Float64Array {
  for (let k = 0; k < rows.count; k++) {
    const z = rows.row(k);
    let m = 0;
    for (let i = 0; i < z.length; i++) m += z[i]! * alpha[i]!;
    out[k] = m;
  }
  return out;
}

/** L(α) = Σ_k w_k·softplus(−m_k) from precomputed margins. */
export function lossFromMargins(rows: ReducedRows, m: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < rows.count; k++) s += rows.weight(k) * softplus(-m[k]!);
  return s;
}

/**
 * L(α + s·p) − L(α) from the margins m_k = ⟨ẑ_k, α⟩ and dm_k = ⟨ẑ_k, p⟩, termwise as
 * softplus(−m − s·dm) − softplus(−m) = log1p(σ(−m)·expm1(−s·dm)). Subtracting two evaluations of
 * L instead loses everything below ~1e-16·L: with a few hundred terms (answers replayed many
 * times) that hides decreases up to ~1e-14, and a line search on it stalls with θ̂ still ~1e-8
 * from the minimizer.
 */
export function lossChange(rows: ReducedRows, m: ArrayLike<number>, dm: ArrayLike<number>, s: number): number {
  let change = 0;
  for (let k = 0; k < rows.count; k++) {
    const e = Math.expm1(-s * dm[k]!);
    const term = Number.isFinite(e) ? Math.log1p(sigmoid(-m[k]!) * e) : softplus(-m[k]! - s * dm[k]!) - softplus(-m[k]!);
    change += rows.weight(k) * term;
  }
  return change;
}

/** L(α). */
export function logisticLoss(rows: ReducedRows, alpha: ArrayLike<number>): number {
  return lossFromMargins(rows, margins(rows, alpha, new Float64Array(rows.count)));
}

/**
 * Gradient ∇L = −Σ w_k·σ(−m_k)·ẑ_k into `grad` (length n) and, when `hess` is given, the Hessian
 * Σ w_k·σ(m_k)σ(−m_k)·ẑ_k ẑ_kᵀ into `hess` (n×n row-major, both triangles).
 */
export function lossDerivatives(rows: ReducedRows, m: ArrayLike<number>, n: number, grad: Float64Array, hess?: Float64Array): void {
  grad.fill(0, 0, n);
  if (hess) hess.fill(0, 0, n * n);
  for (let k = 0; k < rows.count; k++) {
    const z = rows.row(k);
    const len = Math.min(z.length, n);
    const weight = rows.weight(k);
    const p = sigmoid(-m[k]!);
    const g = weight * p;
    for (let i = 0; i < len; i++) grad[i]! -= g * z[i]!;
    if (!hess) continue;
    const w = g * (1 - p);
    for (let i = 0; i < len; i++) {
      const wi = w * z[i]!;
      if (wi === 0) continue;
      const row = i * n;
      for (let j = 0; j <= i; j++) hess[row + j]! += wi * z[j]!;
    }
  }
  if (hess) {
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) hess[j * n + i] = hess[i * n + j]!;
  }
}
