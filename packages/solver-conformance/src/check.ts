import type { ConicProblem, ConicSolution } from "@useralign/conic";
import type { ExpectedOutcome } from "./case.js";
import { firstConeViolation } from "./cones.js";
import {
  absProductNorm,
  absSymmetricProductNorm,
  dot,
  multiply,
  multiplySymmetric,
  multiplyTransposed,
  normInf,
} from "./linear-algebra.js";
import type { ConformanceTolerances } from "./tolerances.js";

/** Measured quantities of one check (all relative as described in {@link ConformanceTolerances}). */
export interface CheckMeasures {
  primalResidual?: number;
  dualResidual?: number;
  complementarity?: number;
  gap?: number;
  objectiveError?: number;
  xError?: number;
  certificateResidual?: number;
}

/** The outcome of checking one solution: human-readable failures (empty when it conforms) and the measures. */
export interface CheckReport {
  readonly failures: string[];
  readonly measures: CheckMeasures;
}

const rel = (r: number, ...terms: number[]) => r / (1 + Math.max(0, ...terms));

/** The KKT conditions of an optimal (x, y, s), as described in {@link ConformanceTolerances}. */
export function checkOptimal(
  problem: ConicProblem,
  sol: ConicSolution,
  tol: ConformanceTolerances,
  failures: string[],
  m: CheckMeasures,
): void {
  const { x, y, s } = sol;
  const n = problem.q.length;
  const mRows = problem.b.length;
  if (x.length !== n || y.length !== mRows || s.length !== mRows) {
    failures.push(`wrong lengths: x ${x.length} (want ${n}), y ${y.length}, s ${s.length} (want ${mRows})`);
    return;
  }
  const finite = (v: Float64Array) => v.every(Number.isFinite);
  if (!finite(x) || !finite(y) || !finite(s)) {
    failures.push("x, y or s holds NaN/Inf");
    return;
  }
  const Ax = multiply(problem.A, x);
  const primal = Ax.map((v, i) => v + s[i]! - problem.b[i]!);
  m.primalResidual = rel(normInf(primal), normInf(Ax), normInf(s), normInf(problem.b));
  if (!(m.primalResidual <= tol.feasibility))
    failures.push(`primal residual ‖Ax + s − b‖ = ${m.primalResidual.toExponential(2)} (relative)`);
  const Px = multiplySymmetric(problem, x);
  const Aty = multiplyTransposed(problem.A, y);
  const dual = Px.map((v, i) => v + problem.q[i]! + Aty[i]!);
  m.dualResidual = rel(normInf(dual), normInf(Px), normInf(problem.q), normInf(Aty));
  if (!(m.dualResidual <= tol.feasibility)) failures.push(`dual residual ‖Px + q + Aᵀy‖ = ${m.dualResidual.toExponential(2)} (relative)`);
  const sCone = firstConeViolation(problem.cones, s, tol.feasibility * (1 + normInf(s)), false);
  if (sCone >= 0) failures.push(`s is not in K (cone ${sCone}, ${problem.cones[sCone]!.type})`);
  const yCone = firstConeViolation(problem.cones, y, tol.feasibility * (1 + normInf(y)), true);
  if (yCone >= 0) failures.push(`y is not in K* (cone ${yCone}, ${problem.cones[yCone]!.type})`);
  const xPx = dot(x, Px);
  const qx = dot(problem.q, x);
  const by = dot(problem.b, y);
  m.complementarity = Math.abs(dot(s, y)) / (1 + Math.max(Math.abs(qx), Math.abs(by), Math.abs(xPx), normInf(s) * normInf(y)));
  if (!(m.complementarity <= tol.gap)) failures.push(`complementarity |sᵀy| = ${m.complementarity.toExponential(2)} (relative)`);
  const primalObjective = 0.5 * xPx + qx;
  const dualObjective = -0.5 * xPx - by;
  m.gap = rel(Math.abs(primalObjective - dualObjective), Math.abs(primalObjective), Math.abs(dualObjective));
  if (!(m.gap <= tol.gap)) failures.push(`duality gap ${primalObjective} vs ${dualObjective}`);
}

/** A primal infeasibility certificate: y ∈ K*, Aᵀy = 0, bᵀy < 0 (normalized to bᵀy = −1). */
export function checkPrimalCertificate(
  problem: ConicProblem,
  sol: ConicSolution,
  tol: ConformanceTolerances,
  failures: string[],
  m: CheckMeasures,
): void {
  const by = dot(problem.b, sol.y);
  if (sol.y.length !== problem.b.length || !(by < 0)) {
    failures.push(`primal infeasibility certificate needs bᵀy < 0 (got ${by})`);
    return;
  }
  const y = sol.y.map((v) => v / -by);
  m.certificateResidual = normInf(multiplyTransposed(problem.A, y)) / (1 + absProductNorm(problem.A, y, true));
  if (!(m.certificateResidual <= tol.certificate))
    failures.push(`certificate ‖Aᵀy‖ = ${m.certificateResidual.toExponential(2)} with bᵀy = −1`);
  const k = firstConeViolation(problem.cones, y, tol.certificate * (1 + normInf(y)), true);
  if (k >= 0) failures.push(`certificate y is not in K* (cone ${k}, ${problem.cones[k]!.type})`);
}

/** A dual infeasibility certificate: Px = 0, qᵀx < 0, Ax + s = 0, s ∈ K (normalized to qᵀx = −1). */
export function checkDualCertificate(
  problem: ConicProblem,
  sol: ConicSolution,
  tol: ConformanceTolerances,
  failures: string[],
  m: CheckMeasures,
): void {
  const qx = dot(problem.q, sol.x);
  if (sol.x.length !== problem.q.length || !(qx < 0)) {
    failures.push(`dual infeasibility certificate needs qᵀx < 0 (got ${qx})`);
    return;
  }
  const x = sol.x.map((v) => v / -qx);
  // Residuals are judged against the size of the terms they sum (‖|A|·|x|‖∞), not ‖A‖·‖x‖, which
  // would wave through a wrong ray on badly scaled data.
  const scale = 1 + absProductNorm(problem.A, x);
  const Px = multiplySymmetric(problem, x);
  const pScale = 1 + absSymmetricProductNorm(problem, x);
  // −Ax must lie in K: s = −Ax is the certificate's slack (checked directly, whatever s the solver returned).
  const slack = multiply(problem.A, x).map((v) => -v);
  m.certificateResidual = normInf(Px) / pScale;
  if (!(m.certificateResidual <= tol.certificate))
    failures.push(`certificate ‖Px‖ = ${m.certificateResidual.toExponential(2)} with qᵀx = −1`);
  const k = firstConeViolation(problem.cones, slack, tol.certificate * scale, false);
  if (k >= 0) failures.push(`certificate −Ax is not in K (cone ${k}, ${problem.cones[k]!.type})`);
}

/** Every check for a solution against the expected outcome. */
export function checkSolution(
  problem: ConicProblem,
  expected: ExpectedOutcome,
  sol: ConicSolution,
  tol: ConformanceTolerances,
  options: { allowAlmost?: boolean } = {},
): CheckReport {
  const failures: string[] = [];
  const measures: CheckMeasures = {};
  const accepted: string[] = [expected.status];
  if (options.allowAlmost) accepted.push(`almost_${expected.status}`);
  if (!accepted.includes(sol.status)) {
    failures.push(`status ${sol.status}, expected ${expected.status}`);
    return { failures, measures };
  }
  if (expected.status === "primal_infeasible") checkPrimalCertificate(problem, sol, tol, failures, measures);
  else if (expected.status === "dual_infeasible") checkDualCertificate(problem, sol, tol, failures, measures);
  else {
    checkOptimal(problem, sol, tol, failures, measures);
    const objective = 0.5 * dot(sol.x, multiplySymmetric(problem, sol.x)) + dot(problem.q, sol.x);
    measures.objectiveError = Math.abs(objective - expected.objective) / (1 + Math.abs(expected.objective));
    if (!(measures.objectiveError <= tol.objective)) failures.push(`objective ${objective}, expected ${expected.objective}`);
    if (!(Math.abs(sol.primalObjective - objective) <= tol.objective * (1 + Math.abs(objective)))) {
      failures.push(`reported primalObjective ${sol.primalObjective} differs from ½xᵀPx + qᵀx = ${objective}`);
    }
    if (expected.x) {
      let err = 0;
      expected.x.forEach((v, i) => (err = Math.max(err, Math.abs(sol.x[i]! - v))));
      measures.xError = err / (1 + normInf(expected.x));
      const xTol = expected.degenerate ? Math.sqrt(tol.x) : tol.x;
      if (!(measures.xError <= xTol)) failures.push(`x = [${Array.from(sol.x).join(", ")}], expected [${expected.x.join(", ")}]`);
    }
  }
  return { failures, measures };
}
