import { computeStep, PreferenceState, type Comparison, type ConfidenceSetBackend } from "@useralign/core";
import { benchSettings } from "./history.js";
import { collectGarbage } from "./memory.js";
import { median } from "./stats.js";

/** Timings of one step, replayed `reps` times after `warmup` untimed runs. */
export interface StepTiming {
  reps: number;
  median_ms: number;
  min_ms: number;
  max_ms: number;
  /** Medians of SPEC Table 8's parts: θ̂ (MLE), y⁽¹⁾, y⁽²⁾ (the N confidence-set problems). */
  parts: { mle_ms: number; first_ms: number; second_ms: number };
  /** Largest rise of JS heap + array buffers (incl. WebAssembly memory) during one step (allocation, no GC forced). */
  peak_mb: number;
  decision: { first: number; second: number | null; bound: number };
}

/** What {@link timeStep} replays. */
export interface TimeStepInput {
  features: Float64Array;
  n: number;
  d: number;
  history: readonly Comparison[];
  backend: ConfidenceSetBackend;
  reps: number;
  warmup: number;
  /** Stop after the warm-up when one run takes longer than this (ms): the result has reps = 1. */
  maxStepMs?: number;
}

const heapMb = () => {
  const m = process.memoryUsage();
  return (m.heapUsed + m.arrayBuffers) / (1024 * 1024);
};

/**
 * Times what a live session does on the t-th answer: the incremental O(N·d) update for it, then
 * θ̂ (warm-started from the MLE after t − 1 answers), y⁽¹⁾ and y⁽²⁾. Every repetition replays the
 * same step from a fresh state.
 */
export function timeStep(input: TimeStepInput): StepTiming {
  const { features, n, d, history, backend } = input;
  const t = history.length;
  const prefix = new PreferenceState(features, n, d);
  for (let k = 0; k < t - 1; k++) prefix.add(history[k]!);
  const warmPrev = t > 0 ? computeStep(prefix, { ...benchSettings(backend), firstOnly: true }).alpha : undefined;
  const totals: number[] = [];
  const parts = { mle: [] as number[], first: [] as number[], second: [] as number[] };
  let peak = 0;
  let decision: StepTiming["decision"] = { first: -1, second: null, bound: 0 };
  const runs = input.warmup + input.reps;
  for (let rep = 0; rep < runs; rep++) {
    const live = new PreferenceState(features, n, d);
    for (let k = 0; k < t - 1; k++) live.add(history[k]!);
    // No forced GC here: right after a full collection V8 finishes sweeping lazily on the main
    // thread, which made the timed step several times slower (measured: 12 ms → 72 ms at
    // N = 1000, d = 512, t = 50). One collection before the loop instead.
    if (rep === 0) collectGarbage();
    const before = heapMb();
    const start = performance.now();
    if (t > 0) live.add(history[t - 1]!);
    const step = computeStep(live, benchSettings(backend, warmPrev));
    const elapsed = performance.now() - start;
    peak = Math.max(peak, heapMb() - before);
    decision = { first: step.first, second: step.second < 0 ? null : step.second, bound: step.bound };
    const record = rep >= input.warmup || (input.maxStepMs !== undefined && elapsed > input.maxStepMs);
    if (record) {
      totals.push(elapsed);
      parts.mle.push(step.timings.mleMs);
      parts.first.push(step.timings.firstMs);
      parts.second.push(step.timings.secondMs);
    }
    // Too slow to repeat: report the one run.
    if (input.maxStepMs !== undefined && elapsed > input.maxStepMs) break;
  }
  return {
    reps: totals.length,
    median_ms: median(totals),
    min_ms: Math.min(...totals),
    max_ms: Math.max(...totals),
    parts: { mle_ms: median(parts.mle), first_ms: median(parts.first), second_ms: median(parts.second) },
    peak_mb: Math.max(0, peak),
    decision,
  };
}
