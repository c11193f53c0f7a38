import { ConicInputError, isConicInputError } from "./input/errors.js";
import { checkProblem } from "./input/validate.js";
import { createClarabelSolver, createEcosSolver, type IpmSolverOptions } from "./ipm-solvers.js";
import type { ConeType, ConicProblem } from "./problem.js";
import type { ConicSolution } from "./solution.js";
import type { ConicSolver } from "./solver.js";
import { isErrored, type SolverStatus } from "./status.js";

/** Settings of the chain: each member's own settings, by member name (e.g. `{ clarabel: { maxIter: 50 } }`). */
export type ChainSettings = { readonly [solver: string]: Record<string, unknown> | undefined };

/**
 * A `ConicSolver` named `chain` that tries `solvers` in order and moves on when a result
 * `isErrored` (numerical error, insufficient progress, iteration or time limit), when it is an
 * `almost_primal_infeasible` / `almost_dual_infeasible` verdict, or when a member throws something
 * other than an input error. Solved, almost solved and (full-accuracy) infeasible results are answers
 * and are returned at once; `solution.solver` names the member that produced it. An `almost_*`
 * infeasibility verdict is a certificate met only at the reduced tolerance after a run that stopped
 * early — the kind of verdict a stalled run near a solution of large size can produce — so the next
 * member gets a chance to solve the problem; it is returned only when no later member answers.
 * Members that cannot take the problem (a cone type they lack, or a quadratic term) are skipped.
 * When every member fails, the last errored result is returned.
 */
export function createChainSolver(solvers: readonly ConicSolver[]): ConicSolver<ChainSettings> {
  if (solvers.length === 0) throw new RangeError("createChainSolver needs at least one solver");
  const supportedCones = new Set<ConeType>(solvers.flatMap((s) => [...s.supportedCones]));
  return {
    name: "chain",
    supportedCones,
    supportsQuadratic: solvers.some((s) => s.supportsQuadratic),
    async solve(problem: ConicProblem, settings: Partial<ChainSettings> = {}): Promise<ConicSolution> {
      // Bad data is bad for every member: one check up front, with the same typed errors.
      checkProblem(problem);
      let last: ConicSolution | undefined;
      let almostInfeasible: ConicSolution | undefined;
      let failure: unknown;
      for (const solver of solvers) {
        if (!accepts(solver, problem)) continue;
        try {
          const result = await solver.solve(problem, settings[solver.name] ?? {});
          if (isAlmostInfeasible(result.status)) almostInfeasible ??= result;
          else if (!isErrored(result.status)) return result;
          else last = result;
        } catch (e) {
          // Bad input is bad for every member: report it instead of trying the next one.
          if (isConicInputError(e)) throw e;
          failure = e;
        }
      }
      if (almostInfeasible) return almostInfeasible;
      if (last) return last;
      if (failure !== undefined) throw failure;
      const cones = [...new Set(problem.cones.map((c) => c.type))].join(", ");
      throw new ConicInputError([
        {
          code: "unsupported_problem",
          path: ["cones"],
          message: `no solver in the chain accepts this problem (cones: ${cones}${hasQuadratic(problem) ? "; quadratic objective" : ""})`,
        },
      ]);
    },
  };
}

function isAlmostInfeasible(status: SolverStatus): boolean {
  return status === "almost_primal_infeasible" || status === "almost_dual_infeasible";
}

function hasQuadratic(problem: ConicProblem): boolean {
  return problem.P !== undefined && problem.P !== null && problem.P.vals.some((v) => v !== 0);
}

function accepts(solver: ConicSolver, problem: ConicProblem): boolean {
  if (!solver.supportsQuadratic && hasQuadratic(problem)) return false;
  return Array.isArray(problem.cones) ? problem.cones.every((c) => solver.supportedCones.has(c?.type)) : true;
}

/** Options of {@link createDefaultChain}. */
export interface DefaultChainOptions extends IpmSolverOptions {
  /** The first-order fallback (the SCS-style ADMM solver) appended after the two interior-point solvers, when available. */
  readonly scs?: ConicSolver;
}

/** The default chain: clarabel → ecos (→ scs when given). */
export function createDefaultChain(options: DefaultChainOptions = {}): ConicSolver<ChainSettings> {
  const { scs, ...ipm } = options;
  return createChainSolver([createClarabelSolver(ipm), createEcosSolver(ipm), ...(scs ? [scs] : [])]);
}
