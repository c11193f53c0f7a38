import type { SolverStatus } from "@useralign/conic";

/**
 * What a HiGHS model status means for us: a final {@link SolverStatus}, or `retry` when HiGHS's
 * presolve could not tell infeasible from unbounded and a solve without presolve will.
 */
export type HighsOutcome = { readonly status: SolverStatus } | { readonly retry: "without_presolve" };

/** One row of {@link HIGHS_STATUS_TABLE}. */
export interface HighsStatusEntry {
  /** HiGHS's own name (`highs.constants.modelStatus` key). */
  readonly name: string;
  readonly outcome: HighsOutcome;
  /** Why it maps this way. */
  readonly note: string;
}

/**
 * Every HiGHS model status code (HiGHS 1.15, `highs.constants.modelStatus`), mapped once. The
 * adapter validates its input before calling HiGHS, so load/model errors mean HiGHS failed on data
 * we accepted: a numerical error, not misuse. Stopping criteria the adapter never sets (objective
 * bound/target, solution limit, interrupt) end without a proof either way: insufficient progress.
 */
export const HIGHS_STATUS_TABLE: Readonly<Record<number, HighsStatusEntry>> = {
  0: { name: "notSet", outcome: { status: "numerical_error" }, note: "run returned without setting a status" },
  1: { name: "loadError", outcome: { status: "numerical_error" }, note: "HiGHS rejected validated data" },
  2: { name: "modelError", outcome: { status: "numerical_error" }, note: "HiGHS rejected validated data" },
  3: { name: "presolveError", outcome: { status: "numerical_error" }, note: "presolve failed" },
  4: { name: "solveError", outcome: { status: "numerical_error" }, note: "the simplex/IPM/QP solver failed" },
  5: { name: "postsolveError", outcome: { status: "numerical_error" }, note: "mapping back from presolve failed" },
  6: { name: "empty", outcome: { status: "solved" }, note: "nothing to optimize: the empty model is its own optimum" },
  7: { name: "optimal", outcome: { status: "solved" }, note: "optimality proved" },
  8: { name: "infeasible", outcome: { status: "primal_infeasible" }, note: "infeasibility proved" },
  9: {
    name: "unboundedOrInfeasible",
    outcome: { retry: "without_presolve" },
    note: "presolve cannot tell; simplex without presolve decides",
  },
  10: { name: "unbounded", outcome: { status: "dual_infeasible" }, note: "unboundedness proved (the dual is infeasible)" },
  11: { name: "objectiveBound", outcome: { status: "insufficient_progress" }, note: "a cutoff we never set" },
  12: { name: "objectiveTarget", outcome: { status: "insufficient_progress" }, note: "a MIP target we never set" },
  13: { name: "timeLimit", outcome: { status: "max_time" }, note: "time_limit reached" },
  14: { name: "iterationLimit", outcome: { status: "max_iterations" }, note: "simplex/QP iteration limit reached" },
  15: { name: "unknown", outcome: { status: "numerical_error" }, note: "HiGHS could not classify the outcome" },
  16: { name: "solutionLimit", outcome: { status: "insufficient_progress" }, note: "a MIP solution limit we never set" },
  17: { name: "interrupted", outcome: { status: "insufficient_progress" }, note: "interrupted by a callback" },
};

/** The outcome of a HiGHS model status code; an unknown code (a newer HiGHS) is a numerical error. */
export function highsOutcome(code: number): HighsOutcome {
  return HIGHS_STATUS_TABLE[code]?.outcome ?? { status: "numerical_error" };
}
