/**
 * How close a solver must come. Every check is relative: a residual r is compared with
 * tol·(1 + the size of the terms it is made of), so badly scaled data is judged fairly.
 */
export interface ConformanceTolerances {
  /**
   * Primal residual ‖Ax + s − b‖∞, dual residual ‖Px + q + Aᵀy‖∞ and cone membership of s and y.
   * @default 1e-6
   */
  readonly feasibility: number;
  /**
   * Complementarity |sᵀy| and the duality gap between ½xᵀPx + qᵀx and −½xᵀPx − bᵀy.
   * @default 1e-6
   */
  readonly gap: number;
  /**
   * |objective − expected| ≤ tol·(1 + |expected|).
   * @default 1e-6
   */
  readonly objective: number;
  /**
   * ‖x − x*‖∞ ≤ tol·(1 + ‖x*‖∞) where the optimal x* is unique (x converges more slowly than the objective).
   * @default 1e-5
   */
  readonly x: number;
  /**
   * Infeasibility certificates, normalized to bᵀy = −1 or qᵀx = −1: ‖Aᵀy‖∞, ‖Px‖∞, ‖Ax + s‖∞ and cone membership.
   * @default 1e-6
   */
  readonly certificate: number;
}

/** The defaults, for an interior-point solver. */
export const defaultTolerances: ConformanceTolerances = { feasibility: 1e-6, gap: 1e-6, objective: 1e-6, x: 1e-5, certificate: 1e-6 };

/** Every tolerance set to `tol` (x to 10·tol), e.g. `uniformTolerances(1e-4)` for a first-order solver. */
export function uniformTolerances(tol: number): ConformanceTolerances {
  return { feasibility: tol, gap: tol, objective: tol, x: 10 * tol, certificate: tol };
}
