import type { ConicProblem, ConicSolution, SolverStatus } from "@useralign/conic";
import {
  farkasViolation,
  grade,
  kktReport,
  rayViolation,
  type ProblemOps,
  type VerdictTolerances,
  VERDICT_TOLERANCES,
} from "./verdict-certificates.js";

/** What one HiGHS run left behind, copied out before the model is freed. */
export interface HighsRunResult {
  /** The model status mapped through the status table; `numerical_error` when run threw. */
  readonly status: SolverStatus;
  /** HiGHS's run threw (its "HiGHS status -1"). */
  readonly threw: boolean;
  readonly iterations: number;
  readonly x?: Float64Array;
  /** y = −(HiGHS row dual), so that Px + q + Aᵀy = 0. */
  readonly y?: Float64Array;
  readonly primalRay?: Float64Array;
  readonly dualRay?: Float64Array;
}

/** A {@link ConicSolution} without the bookkeeping fields the adapter adds. */
export type Verdict = Omit<ConicSolution, "iterations" | "solveTimeMs" | "solver">;

const nan = (k: number) => new Float64Array(k).fill(NaN);
const INFEASIBLE_FIELDS = { primalObjective: NaN, dualObjective: NaN, primalResidual: NaN, dualResidual: NaN };

/**
 * The status the adapter may report for a HiGHS run: every exact verdict is re-checked against the
 * ORIGINAL data (HiGHS solved a copy with εI added to P, and its QP solver calls some unbounded
 * QPs optimal). `solved` needs the unregularized KKT residuals within tolerance; `dual_infeasible` a
 * ray d (Pd = 0, Ad + s = 0, s ∈ K, qᵀd < 0); `primal_infeasible` a Farkas y (Aᵀy = 0, bᵀy < 0,
 * y ∈ K*), both normalized. A claimed optimum that fails the check is tested for unboundedness with
 * `findRay` (the recession-cone LP); what passes only the loose tolerance gets its `almost_` status,
 * and what passes nothing is a `numerical_error` — never a wrong exact verdict.
 */
export function certifyVerdict(
  problem: ConicProblem,
  ops: ProblemOps,
  run: HighsRunResult,
  findRay: () => Float64Array | null,
  tol: VerdictTolerances = VERDICT_TOLERANCES,
): Verdict {
  switch (run.status) {
    case "primal_infeasible":
      return certifyPrimalInfeasible(problem, ops, run.dualRay, tol);
    case "dual_infeasible":
      return certifyDualInfeasible(problem, ops, [run.primalRay, findRay], tol) ?? failed(ops, "numerical_error");
    case "solved":
      return certifySolved(problem, ops, run, findRay, tol);
    default:
      return failed(ops, run.status);
  }
}

function failed(ops: ProblemOps, status: SolverStatus): Verdict {
  return { status, x: nan(ops.n), y: nan(ops.m), s: nan(ops.m), ...INFEASIBLE_FIELDS };
}

function certifyPrimalInfeasible(problem: ConicProblem, ops: ProblemOps, ray: Float64Array | undefined, tol: VerdictTolerances): Verdict {
  if (!ray) return failed(ops, "numerical_error");
  // HiGHS's dual ray sign convention differs between its LP and QP paths: take the better sign.
  const candidates = [ray, ray.map((v) => -v)];
  const [best, violation] = bestOf(candidates, (y) => farkasViolation(problem, ops, y));
  const g = grade(violation, tol);
  if (g === "refused") return failed(ops, "numerical_error");
  return {
    status: g === "exact" ? "primal_infeasible" : "almost_primal_infeasible",
    x: nan(ops.n),
    y: best,
    s: nan(ops.m),
    ...INFEASIBLE_FIELDS,
  };
}

/** The best certified ray among the candidates (computed lazily: the recession LP costs a solve), or null. */
function certifyDualInfeasible(
  problem: ConicProblem,
  ops: ProblemOps,
  sources: readonly (Float64Array | undefined | (() => Float64Array | null))[],
  tol: VerdictTolerances,
): Verdict | null {
  let best: { d: Float64Array; violation: number } | null = null;
  for (const source of sources) {
    const d = typeof source === "function" ? source() : source;
    if (!d) continue;
    const [signed, violation] = bestOf([d, d.map((v) => -v)], (v) => rayViolation(problem, ops, v));
    if (!best || violation < best.violation) best = { d: signed, violation };
    if (grade(best.violation, tol) === "exact") break;
  }
  if (!best) return null;
  const g = grade(best.violation, tol);
  if (g === "refused") return null;
  const s = ops.Ax(best.d).map((v) => -v);
  return { status: g === "exact" ? "dual_infeasible" : "almost_dual_infeasible", x: best.d, y: nan(ops.m), s, ...INFEASIBLE_FIELDS };
}

function certifySolved(
  problem: ConicProblem,
  ops: ProblemOps,
  run: HighsRunResult,
  findRay: () => Float64Array | null,
  tol: VerdictTolerances,
): Verdict {
  if (!run.x || !run.y) return failed(ops, "numerical_error");
  const kkt = kktReport(problem, ops, run.x, run.y);
  const g = grade(kkt.worst, tol);
  const answer = (status: SolverStatus): Verdict => ({
    status,
    x: run.x!,
    y: run.y!,
    s: kkt.s,
    primalObjective: kkt.primalObjective,
    dualObjective: kkt.dualObjective,
    primalResidual: kkt.primalResidual,
    dualResidual: kkt.dualResidual,
  });
  if (g === "exact") return answer("solved");
  // A regularized "optimum" of an unbounded QP fails the unregularized dual residual: look for the ray.
  const unbounded = certifyDualInfeasible(problem, ops, [findRay], tol);
  if (unbounded) return unbounded;
  return g === "almost" ? answer("almost_solved") : failed(ops, "numerical_error");
}

function bestOf(candidates: readonly Float64Array[], violation: (v: Float64Array) => number): [Float64Array, number] {
  let best = candidates[0]!;
  let worst = violation(best);
  for (const c of candidates.slice(1)) {
    const v = violation(c);
    if (v < worst) [best, worst] = [c, v];
  }
  return [best, worst];
}
