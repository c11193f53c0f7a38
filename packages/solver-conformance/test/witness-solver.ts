import { assertSupported, type ConeType, type ConicProblem, type ConicSolution, type ConicSolver } from "@useralign/conic";
import { conicCases } from "../src/cases/index.js";
import { multiply, multiplySymmetric } from "../src/linear-algebra.js";

/**
 * A "solver" that answers each case with its hand-derived witness (looked up by problem identity):
 * it must pass the suite, which tests the witnesses and the checks together. `cones` limits what it
 * declares, to exercise the refusal path.
 */
export function witnessSolver(cones: readonly ConeType[] = ["zero", "nonneg", "soc", "exp"], quadratic = true): ConicSolver {
  const solver: ConicSolver = {
    name: "witness",
    supportedCones: new Set(cones),
    supportsQuadratic: quadratic,
    solve(problem: ConicProblem): ConicSolution {
      assertSupported(problem, solver);
      const c = conicCases.find((k) => k.problem === problem);
      if (!c) throw new Error("not a suite problem");
      const m = problem.b.length;
      const n = problem.q.length;
      const nan = (len: number) => new Float64Array(len).fill(NaN);
      const base = { primalResidual: 0, dualResidual: 0, iterations: 0, solveTimeMs: 0, solver: "witness" };
      if (c.expected.status === "primal_infeasible") {
        return {
          ...base,
          status: "primal_infeasible",
          x: nan(n),
          s: nan(m),
          y: Float64Array.from(c.witness.y!),
          primalObjective: NaN,
          dualObjective: NaN,
        };
      }
      const x = Float64Array.from(c.witness.x!);
      const Ax = multiply(problem.A, x);
      if (c.expected.status === "dual_infeasible") {
        return { ...base, status: "dual_infeasible", x, s: Ax.map((v) => -v), y: nan(m), primalObjective: NaN, dualObjective: NaN };
      }
      const y = Float64Array.from(c.witness.y!);
      const Px = multiplySymmetric(problem, x);
      let xPx = 0;
      let qx = 0;
      let by = 0;
      for (let i = 0; i < n; i++) {
        xPx += x[i]! * Px[i]!;
        qx += problem.q[i]! * x[i]!;
      }
      for (let i = 0; i < m; i++) by += problem.b[i]! * y[i]!;
      const s = Ax.map((v, i) => problem.b[i]! - v);
      return { ...base, status: "solved", x, y, s, primalObjective: 0.5 * xPx + qx, dualObjective: -0.5 * xPx - by };
    },
  };
  return solver;
}
