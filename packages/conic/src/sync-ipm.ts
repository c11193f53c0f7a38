import { checkProblem } from "./input/validate.js";
import { CLARABEL_CONFIGURATION, type IpmConfiguration } from "./ipm/configuration.js";
import { runIpm, type Clock } from "./ipm/ipm-solver.js";
import { createLdlEngine } from "./kernels/create-engine.js";
import type { KernelKind, LdlEngine } from "./kernels/kernel.js";
import type { ConeType, ConicProblem } from "./problem.js";
import { resolveSettings, type IpmSettings } from "./settings.js";
import type { ConicSolution } from "./solution.js";
import type { ConicSolver } from "./solver.js";

// `performance` exists in browsers, workers and Node, but is not in the ES library types.
const perf = (globalThis as { performance?: { now(): number } }).performance;
const defaultClock: Clock = () => (perf ? perf.now() : Date.now());

/** A `ConicSolver` whose `solve` returns its result synchronously. */
export interface SyncConicSolver<Settings = Record<string, unknown>> extends ConicSolver<Settings> {
  solve(problem: ConicProblem, settings?: Partial<Settings>): ConicSolution;
}

/** Options of {@link createSyncIpmSolver}. */
export interface SyncIpmOptions {
  /** The interior-point configuration. @default CLARABEL_CONFIGURATION */
  readonly configuration?: IpmConfiguration;
  /** Milliseconds, for the time limit and `solveTimeMs`. @default performance.now */
  readonly clock?: Clock;
}

/**
 * An interior-point solver bound to one already created LDLᵀ engine, so that `solve` needs no
 * await: for synchronous callers such as the core's `ConfidenceSetBackend.maximize`, which runs
 * many small solves per step. The engine is re-analyzed per problem, so one solver serves
 * problems of any shape, one at a time (the `kernels` setting is ignored: the engine is fixed).
 */
export function createSyncIpmSolver(engine: LdlEngine, options: SyncIpmOptions = {}): SyncConicSolver<IpmSettings> {
  const configuration = options.configuration ?? CLARABEL_CONFIGURATION;
  const clock = options.clock ?? defaultClock;
  return {
    name: configuration.name,
    supportedCones: new Set<ConeType>(["zero", "nonneg", "soc", "exp"]),
    supportsQuadratic: true,
    solve(problem, partial) {
      const settings = resolveSettings(partial, configuration.defaults);
      return { ...runIpm(checkProblem(problem), { settings, configuration, engine, clock }), kernels: engine.kind };
    },
  };
}

/** Creates the engine of `kind` (compiling the WebAssembly kernels for `wasm`) and a synchronous solver on it. */
export async function loadSyncIpmSolver(kind: KernelKind, options: SyncIpmOptions = {}): Promise<SyncConicSolver<IpmSettings>> {
  return createSyncIpmSolver(await createLdlEngine(kind), options);
}
