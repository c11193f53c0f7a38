import { sigmoid, softplus } from "./model.js";

/**
 * The logistic loss of SPEC step 1 in reduced coordinates: L(α) = Σ_k softplus(−⟨ẑ_k, α⟩),
 * where ẑ_k are the coordinates of z_k = φ(w_k) − φ(l_k) in the orthonormal basis of span(Z).
 * Rows shorter than α are zero-padded (they were recorded before later basis vectors existed).
 */
export interface ReducedRows {
  /** Number of rows t. */
  readonly count: number;
  /** Row k (length ≤ the current rank). */
  row(k: number): Float64Array;
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

/** L(α) from precomputed margins. */
export function lossFromMargins(m: ArrayLike<number>, count: number): number {
  let s = 0;
  for (let k = 0; k < count; k++) s += softplus(-m[k]!);
  return s;
}

/** L(α). */
export function logisticLoss(rows: ReducedRows, alpha: ArrayLike<number>): number {
  return lossFromMargins(margins(rows, alpha, new Float64Array(rows.count)), rows.count);
}

/**
 * Gradient ∇L = −Σ σ(−m_k)·ẑ_k into `grad` (length n) and, when `hess` is given, the Hessian
 * Σ σ(m_k)σ(−m_k)·ẑ_k ẑ_kᵀ into `hess` (n×n row-major, both triangles).
 */
export function lossDerivatives(
  rows: ReducedRows,
  m: ArrayLike<number>,
  n: number,
  grad: Float64Array,
  hess?: Float64Array,
): void {
  grad.fill(0, 0, n);
  if (hess) hess.fill(0, 0, n * n);
  for (let k = 0; k < rows.count; k++) {
    const z = rows.row(k);
    const len = Math.min(z.length, n);
    const p = sigmoid(-m[k]!);
    for (let i = 0; i < len; i++) grad[i]! -= p * z[i]!;
    if (!hess) continue;
    const w = p * (1 - p);
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
