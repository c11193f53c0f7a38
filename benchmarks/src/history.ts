import { computeStep, PreferenceState, Rng, type Comparison, type ConfidenceSetBackend, type StepSettings } from "@useralign/core";
import type { BenchInstance } from "./instance.js";

/** A history of t comparisons and how it was made. */
export interface BenchHistory {
  comparisons: Comparison[];
  /** Comparisons chosen by the method, and those drawn at random once it had nothing left to ask. */
  method: number;
  random: number;
}

export const BENCH_S = 3;
export const BENCH_DELTA = 0.05;

/** The settings of a benchmark step (UserAlign, `best` mode: what a live session computes). */
export function benchSettings(backend: ConfidenceSetBackend, warmStart?: Float64Array): StepSettings {
  return {
    S: BENCH_S,
    delta: BENCH_DELTA,
    kind: "practical",
    backend,
    mode: "best",
    tieTolerance: 1e-9,
    drawFirst: () => 0,
    ...(warmStart ? { warmStart } : {}),
  };
}

/**
 * The history UserAlign itself produces on `instance` with a consistent user: y⁽¹⁾ vs y⁽²⁾; once
 * B = 0, a random unmet partner of y⁽¹⁾ (fixed-budget mode); once y⁽¹⁾ has met everyone, a random
 * unasked pair. Built with one backend (the default) so that every backend is timed on the same
 * step; prefixes of a history are the histories of smaller t.
 */
export function buildHistory(instance: BenchInstance, t: number, backend: ConfidenceSetBackend, seed: number): BenchHistory {
  const n = instance.features.length;
  const d = instance.features[0]!.length;
  const state = new PreferenceState(Float64Array.from(instance.features.flat()), n, d);
  const rng = Rng.fromSeed(seed + 7);
  const asked = new Set<number>();
  const key = (a: number, b: number) => (a < b ? a * n + b : b * n + a);
  const comparisons: Comparison[] = [];
  let warm: Float64Array | undefined;
  let method = 0;
  while (comparisons.length < t) {
    const step = computeStep(state, benchSettings(backend, warm));
    warm = step.alpha;
    let pair: [number, number] | null = null;
    if (step.second >= 0 && step.bound > 1e-9 && !asked.has(key(step.first, step.second))) {
      pair = [step.first, step.second];
      method++;
    } else {
      const partners = [];
      for (let j = 0; j < n; j++) if (j !== step.first && !asked.has(key(step.first, j))) partners.push(j);
      if (partners.length > 0) {
        pair = [step.first, partners[rng.int(partners.length)]!];
        method++;
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
    const [a, b] = pair;
    const c = instance.utility[a]! >= instance.utility[b]! ? { winner: a, loser: b } : { winner: b, loser: a };
    comparisons.push(c);
    state.add(c);
  }
  return { comparisons, method, random: t - method };
}
