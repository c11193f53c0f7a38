import { maximizeEach, type ConfidenceSetBackend } from "../backend.js";
import type { ConfidenceSetProblem } from "../confidence-set.js";
import { GeneralSupport } from "../solver/general-support.js";

/**
 * A backend that always takes the general barrier path, keeping the loss constraint whether or not
 * it can bind. Slower than `structured`; it exists as an independent route to cross-check it.
 */
export function createGeneralBackend(): ConfidenceSetBackend {
  const cache = new WeakMap<ConfidenceSetProblem, GeneralSupport>();
  return {
    name: "general",
    description: "log-barrier interior point on every candidate (reference route; slow)",
    maximize(problem, directions, request) {
      let support = cache.get(problem);
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
        cache.set(problem, support);
      }
      const s = support;
      const a = new Float64Array(problem.rank);
      return maximizeEach(problem, directions, request, (j) => s.support(directions.reduced(j, a), directions.residualNorm(j)));
    },
  };
}
