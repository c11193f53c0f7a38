/**
 * The problem the solver accepts, in Clarabel's standard form:
 *
 *   minimize ½xᵀPx + qᵀx  subject to  Ax + s = b,  s ∈ K,
 *
 * P (n×n, upper triangle, PSD) and A (m×n) as zero-based triplets, K the product of `cones` in order.
 * This is also the wire format of `useralign solve --json` (SPEC.md).
 */

/** A sparse matrix as zero-based triplets; repeated (row, col) entries add up, explicit zeros are allowed. */
export interface Triplets {
  readonly rows: readonly number[];
  readonly cols: readonly number[];
  readonly vals: readonly number[];
  /** [rows, cols]. */
  readonly shape: readonly [number, number];
}

/**
 * One cone of K, in the order its rows appear in A and b.
 * - `zero`: s = 0 (equality rows).
 * - `nonneg`: s ≥ 0.
 * - `soc`: s₀ ≥ ‖s₁..ₖ‖₂ (dim ≥ 1).
 * - `exp`: closure{(x, y, z) : y > 0, y·exp(x/y) ≤ z} (dim is always 3).
 */
export type ConeSpec =
  | { readonly type: "zero"; readonly dim: number }
  | { readonly type: "nonneg"; readonly dim: number }
  | { readonly type: "soc"; readonly dim: number }
  | { readonly type: "exp"; readonly dim: 3 };

/** Cone type names, as in the wire format. */
export type ConeType = ConeSpec["type"];

/** A conic problem as users send it (and as `useralign solve --json` reads it). */
export interface ConicProblem {
  /** Upper triangle of P (n×n); omit for an LP/conic problem without a quadratic term. */
  readonly P?: Triplets;
  readonly q: readonly number[];
  readonly A: Triplets;
  readonly b: readonly number[];
  readonly cones: readonly ConeSpec[];
}
