import type { ConeSpec, ConicProblem, Triplets } from "@useralign/conic";

/** The problem classes of the suite (one feasible / primal-infeasible / dual-infeasible trio each, plus `awkward`). */
export type CaseFamily = "lp" | "qp" | "socp" | "exp" | "mixed" | "awkward";

/** What a correct solver must report for a case. */
export type ExpectedOutcome =
  | {
      readonly status: "solved";
      /** The optimal value ½xᵀPx + qᵀx. */
      readonly objective: number;
      /** The optimal x when it is unique (then the solver's x must match it). */
      readonly x?: readonly number[];
      /**
       * Set for problems without strict complementarity, where x converges only like the square root
       * of the duality gap: x is then checked at √(tolerance.x) instead of tolerance.x.
       */
      readonly degenerate?: true;
    }
  | { readonly status: "primal_infeasible" }
  | { readonly status: "dual_infeasible" };

/**
 * A witness that the expected outcome is right, checked by the suite's own tests without any
 * solver: for `solved`, a primal–dual optimal pair (x, y) (feasible, with equal objectives, which
 * proves optimality by weak duality); for `primal_infeasible`, a y with Aᵀy = 0, bᵀy < 0, y ∈ K*;
 * for `dual_infeasible`, an x with Px = 0, qᵀx < 0, −Ax ∈ K.
 */
export interface CaseWitness {
  readonly x?: readonly number[];
  readonly y?: readonly number[];
}

/** One conformance case: a problem in Clarabel's standard form and its known answer. */
export interface ConicCase {
  /** Unique kebab-case name, e.g. `lp-wyndor`. */
  readonly name: string;
  readonly family: CaseFamily;
  /** What makes the case interesting, and where its facts come from. */
  readonly description: string;
  readonly problem: ConicProblem;
  readonly expected: ExpectedOutcome;
  readonly witness: CaseWitness;
}

/** Dense row-major matrix (rows of equal length) to triplets, dropping zeros. */
export function dense(matrix: readonly (readonly number[])[], cols = matrix[0]?.length ?? 0): Triplets {
  const rows: number[] = [];
  const colIdx: number[] = [];
  const vals: number[] = [];
  matrix.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v !== 0) {
        rows.push(i);
        colIdx.push(j);
        vals.push(v);
      }
    }),
  );
  return { rows, cols: colIdx, vals, shape: [matrix.length, cols] };
}

/** Upper triangle of a dense symmetric matrix as triplets. */
export function upper(matrix: readonly (readonly number[])[]): Triplets {
  return dense(
    matrix.map((row, i) => row.map((v, j) => (j >= i ? v : 0))),
    matrix.length,
  );
}

/** The n×n identity times `scale`, as triplets (e.g. `identity(3, -1)` for s = b + x rows). */
export function identity(n: number, scale = 1): Triplets {
  const idx = Array.from({ length: n }, (_, i) => i);
  return { rows: idx, cols: [...idx], vals: idx.map(() => scale), shape: [n, n] };
}

/** Shorthands for cone lists. */
export const zero = (dim: number): ConeSpec => ({ type: "zero", dim });
export const nonneg = (dim: number): ConeSpec => ({ type: "nonneg", dim });
export const soc = (dim: number): ConeSpec => ({ type: "soc", dim });
export const exp = (): ConeSpec => ({ type: "exp", dim: 3 });
