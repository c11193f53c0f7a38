import { checkProblem } from "./input/validate.js";
import { CLARABEL_CONFIGURATION, ECOS_CONFIGURATION, type IpmConfiguration } from "./ipm/configuration.js";
import { runIpm, type Clock, type IterationInfo } from "./ipm/ipm-solver.js";
import { createLdlEngine } from "./kernels/create-engine.js";
import type { KernelKind, LdlEngine } from "./kernels/kernel.js";
import { compileKernels, type CompiledKernels } from "./kernels/wasm-module.js";
import type { ConeType, ConicProblem } from "./problem.js";
import { resolveSettings, type IpmSettings } from "./settings.js";
import type { ConicSolution } from "./solution.js";
import type { ConicSolver } from "./solver.js";

/** Seams of an interior-point solver. */
export interface IpmSolverOptions {
  /** Milliseconds, for the time limit and `solveTimeMs`. @default performance.now (Date.now where absent) */
  readonly clock?: Clock;
  /**
   * Creates the LDLᵀ engine for the `kernels` setting. @default createLdlEngine, falling back to the
   * TypeScript kernels when the WebAssembly ones cannot be loaded.
   */
  readonly createEngine?: (kind: KernelKind) => Promise<LdlEngine> | LdlEngine;
  /** Per-iteration report (progress bars, diagnostics). */
  readonly onIteration?: (info: IterationInfo) => void;
  /**
   * The default engine factory keeps its wasm engine from solve to solve; once the engine's memory
   * (grown for the largest problem so far) exceeds this many bytes, the next solve starts a fresh
   * one, so one big solve does not pin its memory for the solver's lifetime. @default 64 MiB
   */
  readonly retainEngineBytes?: number;
}

const ALL_CONES: ReadonlySet<ConeType> = new Set(["zero", "nonneg", "soc", "exp"]);

// performance.now where the platform has it (Node, browsers), Date.now otherwise; the lib here is ES only.
const platformPerformance = (globalThis as { performance?: { now(): number } }).performance;
const defaultClock: Clock = platformPerformance ? () => platformPerformance.now() : () => Date.now();

const DEFAULT_RETAIN_ENGINE_BYTES = 64 * 1024 * 1024;

/**
 * The default engine factory of one solver: the WebAssembly module is compiled on first use and one
 * wasm engine (with its cone batches' instance) kept for the solver's solves — recompiling or
 * re-instantiating per solve cost more than a whole small solve — until its memory passes
 * `retainBytes`. Sharing is safe because a solve
 * runs synchronously once it has its engine (`runIpm`), so two solves never use it at once, and
 * each solve re-analyzes the engine for its own problem.
 */
function defaultEngineFactory(retainBytes: number): (kind: KernelKind) => Promise<LdlEngine> {
  let compiled: Promise<CompiledKernels> | undefined;
  let wasmEngine: LdlEngine | undefined;
  // One engine per kind, like the wasm one, so that consecutive solves of one KKT pattern reuse
  // its symbolic analysis (solves run synchronously once they have their engine).
  let tsEngine: Promise<LdlEngine> | undefined;
  return async (kind) => {
    if (kind === "ts") return (tsEngine ??= createLdlEngine("ts"));
    if (kind !== "wasm") return createLdlEngine(kind);
    try {
      if (wasmEngine && (wasmEngine.retainedBytes?.() ?? 0) <= retainBytes) return wasmEngine;
      compiled ??= compileKernels();
      wasmEngine = await createLdlEngine("wasm", { compiled: await compiled });
      return wasmEngine;
    } catch {
      // Cannot load WebAssembly here (e.g. a CSP without 'wasm-unsafe-eval'): try again next solve,
      // run this one on the TypeScript kernels (`solution.kernels` says so).
      compiled = undefined;
      wasmEngine = undefined;
      return createLdlEngine("ts");
    }
  };
}

/** Builds an interior-point `ConicSolver` from a configuration. */
export function createIpmSolver(configuration: IpmConfiguration, options: IpmSolverOptions = {}): ConicSolver<IpmSettings> {
  const clock = options.clock ?? defaultClock;
  const createEngine = options.createEngine ?? defaultEngineFactory(options.retainEngineBytes ?? DEFAULT_RETAIN_ENGINE_BYTES);
  return {
    name: configuration.name,
    supportedCones: ALL_CONES,
    supportsQuadratic: true,
    async solve(problem: ConicProblem, partial?: Partial<IpmSettings>): Promise<ConicSolution> {
      // Everything is checked before any iteration; these throw ConicInputError.
      const settings = resolveSettings(partial, configuration.defaults);
      const checked = checkProblem(problem);
      const engine = await createEngine(settings.kernels);
      const solution = await runIpm(checked, { settings, configuration, engine, clock, onIteration: options.onIteration });
      return { ...solution, kernels: engine.kind };
    },
  };
}

/** The primary solver: Clarabel's interior-point configuration. */
export function createClarabelSolver(options?: IpmSolverOptions): ConicSolver<IpmSettings> {
  return createIpmSolver(CLARABEL_CONFIGURATION, options);
}

/** The second interior-point configuration, in the spirit of ECOS. */
export function createEcosSolver(options?: IpmSolverOptions): ConicSolver<IpmSettings> {
  return createIpmSolver(ECOS_CONFIGURATION, options);
}
