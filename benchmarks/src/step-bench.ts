import {
  computeStep,
  createSolverRegistry,
  PreferenceState,
  Rng,
  type Comparison,
  type ConfidenceSetBackend,
  type SolverRegistry,
  type StepSettings,
} from "@useralign/core";
import { makeInstance } from "./instance.js";
import { liveMegabytes } from "./memory.js";
import { median } from "./stats.js";

/** Options of {@link benchStep} (the flags of `useralign bench step`). */
export interface BenchStepOptions {
  n: number;
  d: number;
  /** Comparisons in the history when the timed step runs. */
  t: number;
  /** Backend name. @default the registry default (`structured`) */
  solver?: string;
  /** Timed repetitions. @default 15 */
  reps?: number;
  /** Untimed warm-up repetitions. @default 3 */
  warmup?: number;
  /** Instance seed. @default 1 */
  seed?: number;
  registry?: SolverRegistry;
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

const S = 3;
const DELTA = 0.05;

/**
 * Times one step of SPEC on a generated instance. The history holds `t` consistent comparisons
 * chosen by UserAlign itself (y⁽¹⁾ vs y⁽²⁾; once B = 0, a random partner of y⁽¹⁾ as in fixed-budget
 * mode; once y⁽¹⁾ has met everyone, a random unasked pair — reported in `history`). The timed step
 * is what a live session does on the t-th answer: the incremental O(N·d) update, then θ̂, y⁽¹⁾ and
 * y⁽²⁾ warm-started from the previous step. Every repetition replays the same step from scratch.
 */
export function benchStep(options: BenchStepOptions): BenchStepResult {
  const { n, d, t } = options;
  const reps = options.reps ?? 15;
  const warmup = options.warmup ?? 3;
  const seed = options.seed ?? 1;
  const instance = makeInstance(n, d, S, seed);
  const registry = options.registry ?? createSolverRegistry();
  const backend: ConfidenceSetBackend = options.solver ? registry.get(options.solver) : registry.default();
  const flat = Float64Array.from(instance.features.flat());
  const rng = Rng.fromSeed(seed + 7);
  const settings = (warmStart?: Float64Array): StepSettings => ({
    S,
    delta: DELTA,
    kind: "practical",
    backend,
    mode: "best",
    tieTolerance: 1e-9,
    drawFirst: () => 0,
    ...(warmStart ? { warmStart } : {}),
  });
  const consistent = (a: number, b: number): Comparison =>
    instance.utility[a]! >= instance.utility[b]! ? { winner: a, loser: b } : { winner: b, loser: a };

  // Build the history the method would produce.
  const before = liveMegabytes();
  const state = new PreferenceState(flat, n, d);
  const asked = new Set<number>();
  const key = (a: number, b: number) => (a < b ? a * n + b : b * n + a);
  const history: Comparison[] = [];
  let warm: Float64Array | undefined;
  let fromMethod = 0;
  while (history.length < t) {
    const step = computeStep(state, settings(warm));
    warm = step.alpha;
    let pair: [number, number] | null = null;
    if (step.second >= 0 && step.bound > 1e-9 && !asked.has(key(step.first, step.second))) {
      pair = [step.first, step.second];
      fromMethod++;
    } else {
      const partners = [];
      for (let j = 0; j < n; j++) if (j !== step.first && !asked.has(key(step.first, j))) partners.push(j);
      if (partners.length > 0) {
        pair = [step.first, partners[rng.int(partners.length)]!];
        fromMethod++;
      } else if (asked.size < (n * (n - 1)) / 2) {
        let a: number;
        let b: number;
        do {
          a = rng.int(n);
          b = rng.int(n);
        } while (a === b || asked.has(key(a, b)));
        pair = [a, b];
      }
    }
    if (!pair) throw new Error(`every pair of the ${n} candidates is already in the history before t = ${t}`);
    asked.add(key(pair[0], pair[1]));
    const c = consistent(pair[0], pair[1]);
    history.push(c);
    state.add(c);
  }
  const stateMb = Math.max(0, liveMegabytes() - before);

  // The warm start the t-th step would have: the MLE after t − 1 comparisons.
  const prefix = new PreferenceState(flat, n, d);
  for (let k = 0; k < t - 1; k++) prefix.add(history[k]!);
  const warmPrev = t > 0 ? computeStep(prefix, { ...settings(), firstOnly: true }).alpha : undefined;

  const totals: number[] = [];
  const parts = { mle: [] as number[], first: [] as number[], second: [] as number[] };
  let decision: BenchStepResult["decision"] = { first: -1, second: null, bound: 0 };
  for (let rep = 0; rep < warmup + reps; rep++) {
    const live = new PreferenceState(flat, n, d);
    for (let k = 0; k < t - 1; k++) live.add(history[k]!);
    const start = performance.now();
    if (t > 0) live.add(history[t - 1]!);
    const step = computeStep(live, settings(warmPrev));
    const elapsed = performance.now() - start;
    if (rep < warmup) continue;
    totals.push(elapsed);
    parts.mle.push(step.timings.mleMs);
    parts.first.push(step.timings.firstMs);
    parts.second.push(step.timings.secondMs);
    decision = { first: step.first, second: step.second < 0 ? null : step.second, bound: step.bound };
  }
  return {
    n,
    d,
    t,
    solver: backend.name,
    reps,
    median_ms: median(totals),
    min_ms: Math.min(...totals),
    max_ms: Math.max(...totals),
    parts: { mle_ms: median(parts.mle), first_ms: median(parts.first), second_ms: median(parts.second) },
    rss_mb: process.memoryUsage().rss / (1024 * 1024),
    decision,
    state_mb: stateMb,
    history: { method: fromMethod, random: t - fromMethod },
  };
}
