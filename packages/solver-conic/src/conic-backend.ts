import { isErrored, isInfeasible, loadSyncIpmSolver, type ConicSolution, type ConicSolver, type SyncConicSolver } from "@useralign/conic";
import {
  createGeneralBackend,
  maximizeEach,
  supportAtThetaHat,
  UserAlignError,
  type ConfidenceSetBackend,
  type ConfidenceSetProblem,
} from "@useralign/core/backend";
import { ConfidenceSetCone } from "./confidence-set-cone.js";

/** Options of {@link createConicBackend}. */
export interface ConicBackendOptions {
  /** A conic solver whose `solve` returns synchronously (the core's backend interface is synchronous). */
  readonly solver: ConicSolver;
  /** The backend's name in a registry. @default "conic" */
  readonly name?: string;
  /** One line for listings. @default "conic form (SOC + exponential cones) solved by <solver>" */
  readonly description?: string;
  /** Settings passed to every solve. @default {} */
  readonly settings?: Record<string, unknown>;
  /**
   * Keep the loss constraint even where the core proves it cannot bind (`lossMayBind` false).
   * Off by default: dropping it removes every exponential cone from those problems.
   * @default false
   */
  readonly keepRedundantLoss?: boolean;
}

/**
 * A `ConfidenceSetBackend` that writes each step's problems in conic form
 * ({@link ConfidenceSetCone}) and solves one conic problem per candidate.
 * Outcomes: solved → V = −objective; primal infeasible (Θ = ∅) → SPEC's fallback Θ = {θ̂},
 * V = ⟨θ̂, c⟩; `almost_solved` and `almost_primal_infeasible` (met only the solver's looser
 * tolerance) are not exact: that candidate is redone by core's `general` barrier route, whose own
 * non-exact outcome is an `internal_error`; anything else (iteration limit, numerical failure) is
 * an `internal_error`.
 */
export function createConicBackend(options: ConicBackendOptions): ConfidenceSetBackend {
  const { solver } = options;
  const name = options.name ?? "conic";
  const forms = new WeakMap<ConfidenceSetProblem, ConfidenceSetCone>();
  // The more robust route for candidates the conic solver only almost solved.
  const fallback = createGeneralBackend();
  const solveSync = (problem: Parameters<ConicSolver["solve"]>[0]): ConicSolution => {
    const result = solver.solve(problem, options.settings ?? {});
    if (result instanceof Promise) {
      throw new UserAlignError(
        "invalid_input",
        `Solver "${solver.name}" is asynchronous; confidence-set backends run synchronously. Use createSyncIpmSolver/loadSyncIpmSolver or loadConicBackend().`,
      );
    }
    return result;
  };
  return {
    name,
    description: options.description ?? `conic form (SOC + exponential cones) solved by ${solver.name}`,
    maximize(problem, directions, request) {
      let form = forms.get(problem);
      if (!form) {
        form = new ConfidenceSetCone(problem, { includeLoss: problem.lossMayBind || options.keepRedundantLoss === true });
        forms.set(problem, form);
      }
      const cone = form;
      const a = new Float64Array(problem.rank);
      return maximizeEach(problem, directions, request, (j) => {
        directions.reduced(j, a);
        const result = solveSync(cone.problemFor(a, directions.residualNorm(j)));
        if (result.status === "solved") return -result.primalObjective;
        if (result.status === "primal_infeasible") return supportAtThetaHat(problem, a);
        if (result.status === "almost_solved" || result.status === "almost_primal_infeasible") {
          const again = fallback.maximize(problem, directions, {
            candidates: Int32Array.of(j),
            mode: "all",
            tieTolerance: request.tieTolerance,
          });
          return again.values[0]!;
        }
        const why = isErrored(result.status)
          ? "failed"
          : isInfeasible(result.status)
            ? "reported an unbounded problem (impossible inside the ball)"
            : "ended";
        throw new UserAlignError(
          "internal_error",
          `Conic solver "${result.solver}" ${why} with status ${result.status} on candidate ${j}.`,
        );
      });
    },
  };
}

/**
 * The `conic` backend (WebAssembly kernels) or `conic-ts` (TypeScript kernels): Clarabel's
 * interior-point method on a preloaded engine. Async only to compile the WebAssembly module.
 */
export async function loadConicBackend(
  kernels: "wasm" | "ts" = "wasm",
  options: Omit<ConicBackendOptions, "solver" | "name"> = {},
): Promise<ConfidenceSetBackend> {
  const solver: SyncConicSolver = await loadSyncIpmSolver(kernels);
  const name = kernels === "wasm" ? "conic" : "conic-ts";
  return createConicBackend({
    ...options,
    solver,
    name,
    description:
      options.description ??
      `conic form (SOC + exponential cones), Clarabel-style interior point, ${kernels === "wasm" ? "WebAssembly" : "TypeScript"} kernels`,
  });
}
