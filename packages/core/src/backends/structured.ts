import { maximizeEach, type ConfidenceSetBackend } from "../backend.js";
import type { ConfidenceSetProblem } from "../confidence-set.js";
import { projectOntoCone } from "../solver/cone-projection.js";
import { GeneralSupport } from "../solver/general-support.js";

/**
 * The default backend: exact, and fast because it uses the structure of SPEC's problems.
 * - Practical set, loss constraint redundant: V = S·‖Π_C(c)‖ = S·√(‖Π_{C_r}(a)‖² + ρ²), a cone
 *   projection by NNLS on the shared Gram matrix, abandoned as soon as its running upper bound
 *   cannot beat the best candidate so far.
 * - Loss set, loss constraint redundant: Θ is the ball, V = S·‖c‖.
 * - Otherwise: the barrier method of {@link GeneralSupport} in rank(Z) + 1 variables.
 */
export function createStructuredBackend(): ConfidenceSetBackend {
  const general = new WeakMap<ConfidenceSetProblem, GeneralSupport>();
  return {
    name: "structured",
    description: "exact cone projection (NNLS) with pruning; barrier method where the loss constraint binds",
    maximize(problem, directions, request) {
      const a = new Float64Array(problem.rank);
      if (problem.lossMayBind) {
        let support = general.get(problem);
        if (!support) {
          support = new GeneralSupport({
            rows: problem.rows,
            rank: problem.rank,
            S: problem.S,
            halfspaces: problem.kind === "practical" ? problem : null,
            lossLevel: problem.lossLevel,
            withResidual: problem.hasResidual,
            thetaHat: problem.thetaHat,
          });
          general.set(problem, support);
        }
        const s = support;
        return maximizeEach(problem, directions, request, (j) => s.support(directions.reduced(j, a), directions.residualNorm(j)));
      }
      if (problem.kind === "loss") {
        return maximizeEach(problem, directions, request, (j) => problem.S * directions.norm(j));
      }
      const S2 = problem.S * problem.S;
      return maximizeEach(problem, directions, request, (j, hopeless) => {
        const rho = problem.hasResidual ? directions.residualNorm(j) : 0;
        const rhoSq = rho * rho;
        // S·ρ is a lower bound and S·‖c‖ an upper bound; NNLS iterates tighten the upper one.
        const proj = projectOntoCone(problem, directions.reduced(j, a), problem.rank, (upper) =>
          hopeless(problem.S * Math.sqrt(upper + rhoSq)),
        );
        if (proj.pruned) return null;
        return Math.sqrt(S2 * (proj.normSq + rhoSq));
      });
    },
  };
}
