import type { ConicProblem, Triplets } from "../problem.js";
import { tripletMultiply, tripletMultiplySymmetric, tripletMultiplyTransposed } from "./sparse-builder.js";

/** A QP in standard form with equality rows first, then nonnegative rows, and a planted KKT point. */
export interface PlantedQpData {
  /** Upper triangle of P (n×n); may hold explicit zeros. */
  readonly P: Triplets;
  /** m×n, the first `equalities` rows are equalities (zero cone), the rest s ≥ 0. */
  readonly A: Triplets;
  readonly equalities: number;
  /** The optimal x. */
  readonly x: ArrayLike<number>;
  /** The optimal slack: 0 on equality rows, ≥ 0 elsewhere. */
  readonly s: ArrayLike<number>;
  /** The optimal multipliers: free on equality rows, ≥ 0 elsewhere, with sᵢyᵢ = 0. */
  readonly y: ArrayLike<number>;
}

/** A planted problem and what a correct solver reports for it. */
export interface PlantedQp {
  readonly problem: ConicProblem;
  /** ½x*ᵀPx* + qᵀx* at the planted point. */
  readonly objective: number;
  /** The planted optimal x and multipliers y (a witness: feasible, complementary, equal objectives). */
  readonly x: readonly number[];
  readonly y: readonly number[];
}

/**
 * Plants (x, s, y) as a KKT point: b = Ax + s and q = −Px − Aᵀy, so the planted point is primal
 * feasible, dual feasible and complementary — optimal, with the value ½xᵀPx + qᵀx, whatever P and A
 * are (the construction of `randomProblem`, for sparse data of any size).
 */
export function plantQp(data: PlantedQpData): PlantedQp {
  const { P, A, equalities, x, s, y } = data;
  const m = A.shape[0];
  for (let i = 0; i < m; i++) {
    const si = s[i]!;
    const yi = y[i]!;
    const ok = i < equalities ? si === 0 : si >= 0 && yi >= 0 && si * yi === 0;
    if (!ok) throw new RangeError(`plantQp: row ${i} is not a complementary pair (s = ${si}, y = ${yi})`);
  }
  const Px = tripletMultiplySymmetric(P, x);
  const Ax = tripletMultiply(A, x);
  const Aty = tripletMultiplyTransposed(A, y);
  const b = Array.from(Ax, (v, i) => v + s[i]!);
  const q = Array.from(Px, (v, j) => -v - Aty[j]!);
  let objective = 0;
  for (let j = 0; j < q.length; j++) objective += (0.5 * Px[j]! + q[j]!) * x[j]!;
  const cones = [
    ...(equalities > 0 ? [{ type: "zero" as const, dim: equalities }] : []),
    ...(m > equalities ? [{ type: "nonneg" as const, dim: m - equalities }] : []),
  ];
  return { problem: { P, q, A, b, cones }, objective, x: Array.from(x), y: Array.from(y) };
}
