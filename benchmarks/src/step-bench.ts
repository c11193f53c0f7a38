import { createBackendRegistry, PreferenceState, type BackendRegistry, type ConfidenceSetBackend } from "@useralign/core";
import { BENCH_S, buildHistory } from "./history.js";
import { makeInstance } from "./instance.js";
import { liveMegabytes } from "./memory.js";
import { timeStep } from "./time-step.js";

/** Options of {@link benchStep} (the flags of `useralign bench step`). */
export interface BenchStepOptions {
  n: number;
  d: number;
  /** Comparisons in the history when the timed step runs. */
  t: number;
  /** Backend name. @default the registry default (`structured`) */
  backend?: string;
  /** @deprecated Renamed `backend`; goes away in the next release. */
  solver?: string;
  /** Timed repetitions. @default 15 */
  reps?: number;
  /** Untimed warm-up repetitions. @default 3 */
  warmup?: number;
  /** Instance seed. @default 1 */
  seed?: number;
  registry?: BackendRegistry;
}

/** SPEC's `bench step` output, plus how the history was made and the session's own memory. */
export interface BenchStepResult {
  n: number;
  d: number;
  t: number;
  solver: string;
  reps: number;
  median_ms: number;
  min_ms: number;
  max_ms: number;
  parts: { mle_ms: number; first_ms: number; second_ms: number };
  rss_mb: number;
  decision: { first: number; second: number | null; bound: number };
  /** Live memory of the step state (basis, projections, residuals, Gram) beyond the features (MB). */
  state_mb: number;
  /** Comparisons chosen by the method, and those drawn at random once it had nothing left to ask. */
  history: { method: number; random: number };
}

/**
 * Times one step of SPEC on a generated instance (`useralign bench step`). The history holds `t`
 * consistent comparisons chosen by UserAlign itself with the registry's default backend
 * ({@link buildHistory}), so every backend is timed on the same step ({@link timeStep}).
 */
export function benchStep(options: BenchStepOptions): BenchStepResult {
  const { n, d, t } = options;
  const reps = options.reps ?? 15;
  const warmup = options.warmup ?? 3;
  const seed = options.seed ?? 1;
  const instance = makeInstance(n, d, BENCH_S, seed);
  const registry = options.registry ?? createBackendRegistry();
  const name = options.backend ?? options.solver;
  const backend: ConfidenceSetBackend = name ? registry.get(name) : registry.default();
  const features = Float64Array.from(instance.features.flat());
  const before = liveMegabytes();
  const history = buildHistory(instance, t, registry.default(), seed);
  const state = new PreferenceState(features, n, d);
  for (const c of history.comparisons) state.add(c);
  const stateMb = Math.max(0, liveMegabytes() - before);
  const timing = timeStep({ features, n, d, history: history.comparisons, backend, reps, warmup });
  return {
    n,
    d,
    t,
    solver: backend.name,
    reps: timing.reps,
    median_ms: timing.median_ms,
    min_ms: timing.min_ms,
    max_ms: timing.max_ms,
    parts: timing.parts,
    rss_mb: process.memoryUsage().rss / (1024 * 1024),
    decision: timing.decision,
    state_mb: stateMb,
    history: { method: history.method, random: history.random },
  };
}
