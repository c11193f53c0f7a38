import { maximizeEach, type ConfidenceSetBackend } from "../backend.js";
import { generalSupportCache } from "../solver/general-support.js";

/**
 * A backend that always takes the general barrier path, keeping the loss constraint whether or not
 * it can bind. Slower than `structured`; it exists as an independent route to cross-check it.
 */
export function createGeneralBackend(): ConfidenceSetBackend {
  const supportFor = generalSupportCache();
  return {
    name: "general",
    description: "log-barrier interior point on every candidate (reference route; slow)",
    maximize(problem, directions, request) {
      const support = supportFor(problem);
      const a = new Float64Array(problem.rank);
      return maximizeEach(problem, directions, request, (j) => support.support(directions.reduced(j, a), directions.residualNorm(j)));
    },
  };
}
