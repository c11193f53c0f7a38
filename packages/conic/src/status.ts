/**
 * Every outcome of a solve. Outcomes are statuses, not exceptions: the solver throws only for
 * misuse (invalid problem data or settings).
 */
export type SolverStatus =
  | "solved"
  | "primal_infeasible"
  | "dual_infeasible"
  | "almost_solved"
  | "almost_primal_infeasible"
  | "almost_dual_infeasible"
  | "max_iterations"
  | "max_time"
  | "numerical_error"
  | "insufficient_progress";

/** True when the solver failed numerically or ran out of budget: the fallback chain retries only these. */
export function isErrored(status: SolverStatus): boolean {
  return status === "numerical_error" || status === "insufficient_progress" || status === "max_iterations" || status === "max_time";
}

/** True for (almost) primal or dual infeasibility: an answer, with a certificate, never retried. */
export function isInfeasible(status: SolverStatus): boolean {
  return (
    status === "primal_infeasible" ||
    status === "dual_infeasible" ||
    status === "almost_primal_infeasible" ||
    status === "almost_dual_infeasible"
  );
}
