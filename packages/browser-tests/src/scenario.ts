/**
 * The computations the browser test runs twice: in headless Chromium from the esbuild bundle of the
 * packages' published ESM (`dist`), and in Node by vitest. Everything in and out is plain data
 * (arrays, not typed arrays) so it crosses `page.evaluate` unchanged.
 */
import { compileKernels, createClarabelSolver, createLdlEngine, type ConicProblem, type KernelKind } from "@useralign/conic";
import { createSession, createBackendRegistry, scaleFeatures, type SessionView } from "@useralign/core";
import { loadConicBackend } from "@useralign/solver-conic";

/** A conformance problem, by name. */
export interface NamedProblem {
  readonly name: string;
  readonly problem: ConicProblem;
}

/** One solve, as data. */
export interface SolveRecord {
  readonly name: string;
  /** The kernels asked for. */
  readonly kernels: KernelKind;
  /** The kind of the LDLᵀ engine the solver actually factored with (`LdlEngine.kind`). */
  readonly engine: KernelKind;
  readonly status: string;
  readonly iterations: number;
  readonly solver: string;
  readonly primalObjective: number;
  readonly dualObjective: number;
  readonly primalResidual: number;
  readonly dualResidual: number;
  readonly x: number[];
  readonly y: number[];
  readonly s: number[];
}

/**
 * Solves every problem with Clarabel's configuration on the given kernels. The engine factory is
 * the package's own `createLdlEngine`, which throws instead of falling back, and it records the
 * kind of each engine it hands out: a WebAssembly failure cannot hide behind the TypeScript path.
 */
export async function solveCases(problems: readonly NamedProblem[], kernels: KernelKind): Promise<SolveRecord[]> {
  const compiled = kernels === "wasm" ? await compileKernels() : undefined;
  let engine: KernelKind | undefined;
  const solver = createClarabelSolver({
    createEngine: async (kind) => {
      const created = await createLdlEngine(kind, compiled ? { compiled } : {});
      engine = created.kind;
      return created;
    },
  });
  const out: SolveRecord[] = [];
  for (const { name, problem } of problems) {
    engine = undefined;
    const result = await solver.solve(problem, { kernels });
    if (engine === undefined) throw new Error(`${name}: the solver created no LDLᵀ engine`);
    out.push({
      name,
      kernels,
      engine,
      status: result.status,
      iterations: result.iterations,
      solver: result.solver,
      primalObjective: result.primalObjective,
      dualObjective: result.dualObjective,
      primalResidual: result.primalResidual,
      dualResidual: result.dualResidual,
      x: Array.from(result.x),
      y: Array.from(result.y),
      s: Array.from(result.s),
    });
  }
  return out;
}

/** The user's path: `createClarabelSolver()` with no options (its default engine factory). */
export async function solveWithDefaultSolver(problem: ConicProblem): Promise<{ status: string; iterations: number; x: number[] }> {
  const result = await createClarabelSolver().solve(problem);
  return { status: result.status, iterations: result.iterations, x: Array.from(result.x) };
}

/** Creates a WebAssembly LDLᵀ engine the strict way; returns why it failed ("Name: message"), or null. */
export async function wasmEngineError(): Promise<string | null> {
  try {
    await createLdlEngine("wasm");
    return null;
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  }
}

/** A small UserAlign session: a pool of unit-scaled 2-d features and a simulated user. */
export interface SessionInput {
  /** Raw feature rows of the pool (scaled with `scaleFeatures` before use). */
  readonly raw: readonly (readonly number[])[];
  /** The simulated user's linear taste; it prefers the higher score. */
  readonly taste: readonly number[];
  readonly seed: number;
  readonly maxQuestions: number;
  readonly method: "useralign" | "useralign-loss";
  /** Core backends to run the same session on. */
  readonly solvers: readonly string[];
}

/** One session, as data. */
export interface SessionRecord {
  readonly solver: string;
  readonly pairs: [number, number][];
  readonly bounds: (number | null)[];
  readonly result: SessionView;
}

/**
 * Runs the same session on each named backend of a registry holding the core's own backends plus
 * `conic` (WebAssembly kernels, loaded strictly: `loadConicBackend` throws if the module fails).
 */
export async function runSessions(input: SessionInput): Promise<SessionRecord[]> {
  const registry = createBackendRegistry();
  registry.register(await loadConicBackend("wasm"));
  const features = scaleFeatures(input.raw.map((row) => [...row]));
  const score = (i: number) => features[i]!.reduce((sum, v, k) => sum + v * input.taste[k]!, 0);
  return input.solvers.map((solver) => {
    // tolerance 1e-6: an interior-point bound carries ~1e-8 of error (see solver-conic's session test).
    const session = createSession({
      features,
      seed: input.seed,
      method: input.method,
      maxQuestions: input.maxQuestions,
      solver,
      registry,
      tolerance: 1e-6,
    });
    const pairs: [number, number][] = [];
    const bounds: (number | null)[] = [];
    let view = session.next();
    while (view.status === "question") {
      const [a, b] = view.pair;
      pairs.push([a, b]);
      bounds.push(view.bound);
      view = session.answer(score(a) >= score(b) ? a : b);
    }
    return { solver, pairs, bounds, result: view };
  });
}
