import type { ConeType, ConicProblem } from "./problem.js";
import type { ConicSolution } from "./solution.js";

/**
 * A solver for conic problems, chosen by name. Every implementation (the interior-point solvers
 * of this package, the ADMM fallback, the chain, the HiGHS adapter) runs the shared conformance
 * suite of `@useralign/solver-conformance`.
 */
export interface ConicSolver<Settings = Record<string, unknown>> {
  /** Short lower-case name, e.g. `clarabel`, `ecos`, `scs`, `chain`, `highs`. */
  readonly name: string;
  /** The cone types it accepts; others are rejected with an error naming the cone (never a wrong answer). */
  readonly supportedCones: ReadonlySet<ConeType>;
  /** Whether a nonzero P is accepted. */
  readonly supportsQuadratic: boolean;
  solve(problem: ConicProblem, settings?: Partial<Settings>): ConicSolution | Promise<ConicSolution>;
}
