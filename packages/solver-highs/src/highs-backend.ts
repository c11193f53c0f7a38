import { maximizeEach, type ConfidenceSetBackend, type ConfidenceSetProblem } from "@useralign/core/backend";
import { loadHighs, type LoadHighsOptions } from "./load-highs.js";
import { OuterApproximation, type OuterApproximationSettings, type OuterApproximationStats } from "./outer-approximation.js";

/** Options of {@link createHighsBackend}. */
export interface HighsBackendOptions extends LoadHighsOptions, OuterApproximationSettings {}

/** The `highs` backend: a {@link ConfidenceSetBackend} plus what only it has. */
export interface HighsBackend extends ConfidenceSetBackend {
  readonly name: "highs";
  /** Counters of the last step solved (LP solves, cuts, exact finishes, pruned candidates). */
  lastStats(): Readonly<OuterApproximationStats> | null;
  /** Frees the HiGHS model of the last step (WebAssembly memory is not garbage-collected). */
  dispose(): void;
}

/**
 * Creates the `highs` backend (asynchronous: it loads HiGHS's WebAssembly once). Each step gets
 * one persistent HiGHS LP shared by its N candidate problems, solved by outer approximation with an
 * exact finish ({@link OuterApproximation}). Only the latest step's LP is kept alive.
 */
export async function createHighsBackend(options: HighsBackendOptions = {}): Promise<HighsBackend> {
  const highs = await loadHighs(options);
  let current: { problem: ConfidenceSetProblem; solver: OuterApproximation } | null = null;
  const solverFor = (problem: ConfidenceSetProblem): OuterApproximation => {
    if (current?.problem === problem) return current.solver;
    current?.solver.dispose();
    current = { problem, solver: new OuterApproximation(highs, problem, options) };
    return current.solver;
  };
  return {
    name: "highs",
    description: "HiGHS (WebAssembly) LP outer approximation with shared ball and loss cuts, exact KKT finish",
    maximize(problem, directions, request) {
      const solver = solverFor(problem);
      const a = new Float64Array(problem.rank);
      return maximizeEach(problem, directions, request, (j, hopeless) =>
        solver.support(directions.reduced(j, a), problem.hasResidual ? directions.residualNorm(j) : 0, hopeless),
      );
    },
    lastStats: () => (current ? { ...current.solver.stats } : null),
    dispose() {
      current?.solver.dispose();
      current = null;
    },
  };
}
