import { totalWeight, type ReducedRows } from "./logistic-loss.js";
import type { HalfspaceSystem } from "./solver/cone-projection.js";

/** Which confidence set a method uses (method.md step 5). */
export type ConfidenceSetKind = "practical" | "loss";

/**
 * One step's confidence set Θ in the reduced coordinates of span(Z) (method.md steps 4–5):
 * θ = Qᵀα + θ⊥, ‖α‖² + ‖θ⊥‖² ≤ S², L(α) ≤ τ, and for the practical set also Ẑα ≥ 0.
 * Every candidate problem of the step shares this object.
 */
export interface ConfidenceSetProblem extends HalfspaceSystem {
  readonly kind: ConfidenceSetKind;
  /** Ambient feature dimension d. */
  readonly dim: number;
  /** rank(Z): the length of α. */
  readonly rank: number;
  /** Norm bound S. */
  readonly S: number;
  /**
   * ẑ_k, the coordinates of the distinct comparisons z_k = φ(winner) − φ(loser), with their
   * multiplicities w_k (also reachable through `rows`). The halfspaces are one per row; the loss
   * is Σ_k w_k·softplus(−⟨ẑ_k, α⟩).
   */
  readonly rows: ReducedRows;
  /** τ = L(θ̂) + β_t, the level of the loss constraint. */
  readonly lossLevel: number;
  /**
   * False when the loss constraint provably cannot bind on the rest of the set: for the practical
   * set when t·log 2 ≤ τ (every loss term is ≤ log 2 on H), for the loss set when
   * Σ softplus(S‖z_k‖) ≤ τ. Backends may then drop it.
   */
  readonly lossMayBind: boolean;
  /** α̂ (θ̂ = Qᵀα̂). */
  readonly thetaHat: Float64Array;
  /** True when d > rank, so θ has a free component θ⊥ outside span(Z). */
  readonly hasResidual: boolean;
}

/**
 * Whether the loss constraint can bind, per the bounds in {@link ConfidenceSetProblem.lossMayBind}
 * (with t = Σ_k w_k and Σ_k w_k·softplus(S‖z_k‖): repeated comparisons count as often as they occur).
 */
export function lossMayBind(
  kind: ConfidenceSetKind,
  rows: ReducedRows,
  gram: Float64Array,
  gramStride: number,
  S: number,
  lossLevel: number,
): boolean {
  if (kind === "practical") return totalWeight(rows) * Math.LN2 > lossLevel;
  let worst = 0;
  for (let k = 0; k < rows.count; k++) {
    const u = S * Math.sqrt(gram[k * gramStride + k]!);
    worst += rows.weight(k) * (u + Math.log1p(Math.exp(-u)));
  }
  return worst > lossLevel;
}

/**
 * method.md step 5's fallback, the one place it lives: when Θ is empty, Θ = {θ̂} and
 * V = ⟨θ̂, c⟩ = ⟨α̂, a⟩ for c with reduced coordinates `a` (θ̂ lies in span(Z), so c's residual
 * outside it does not count). Every backend that finds Θ empty reports this value.
 */
export function supportAtThetaHat(problem: { readonly rank: number; readonly thetaHat: ArrayLike<number> }, a: ArrayLike<number>): number {
  let v = 0;
  for (let i = 0; i < problem.rank; i++) v += (problem.thetaHat[i] ?? 0) * a[i]!;
  return v;
}

/**
 * The direction c_j = φ(y_j) − φ(y⁽¹⁾) of each candidate, in the reduced coordinates of the step.
 */
export interface CandidateDirections {
  /** Number of candidates N. */
  readonly count: number;
  /** Index of y⁽¹⁾. */
  readonly first: number;
  /** a_j = Q·c_j into `out` (length rank). */
  reduced(j: number, out: Float64Array): Float64Array;
  /**
   * ρ_j = ‖c_j − Qᵀa_j‖, the part of c_j outside span(Z). Passing ‖a_j‖² lets an implementation
   * use ρ² = ‖c_j‖² − ‖a_j‖² where that is accurate.
   */
  residualNorm(j: number, reducedNormSq?: number): number;
  /** ⟨ẑ_k, a_j⟩ = ⟨z_k, c_j⟩ for k = 1..t into `out` (optional: backends fall back to ẑ·a). */
  halfspaceDots?(j: number, out: Float64Array): Float64Array;
  /** ‖c_j‖ (S·‖c_j‖ bounds V_j from above). */
  norm(j: number): number;
  /** ⟨z_k, c_j⟩ for every candidate j (indexed by j, y⁽¹⁾ included) into `out` (optional). */
  halfspaceRow?(k: number, out: Float64Array): Float64Array;
  /** ‖c_j‖² for every candidate j into `out` (optional). */
  normsSq?(out: Float64Array): Float64Array;
  /** c_j in R^d (for backends that work in the full space). */
  full(j: number): Float64Array;
}
