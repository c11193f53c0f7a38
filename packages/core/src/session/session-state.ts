import type { Comparison } from "../preference-state.js";

/** Why a session ended. */
export type FinishReason = "bound" | "step-cap" | "budget" | "exhausted" | "immediate";

/** The four words of the session's RNG (`Rng.state()`). */
export type RngState = [number, number, number, number];

/**
 * One entry of the history: an answer, or an earlier answer added again instead of asking its
 * pair twice (method.md step 7, `replayed: true`).
 */
export interface HistoryEntry extends Comparison {
  readonly replayed: boolean;
  /**
   * The 1-based number of the question this entry answered. A replay carries the number of the
   * earlier answer it re-used, so `question` always points at what the person said.
   */
  readonly question: number;
  /**
   * B(t) of the step that put the entry in the history: the bound shown with the question, or the
   * bound of the step that selected an answered pair again. Null for methods without a bound
   * (IIDBEST) and for entries restored from format-1 snapshots, which did not record it.
   */
  readonly bound: number | null;
}

/** The pending question, as stored. */
export interface Pending {
  question: number;
  pair: [number, number];
  bound: number | null;
  random: boolean;
}

/** The final answer, as stored. */
export interface Result {
  choice: number;
  bound: number | null;
  reason: FinishReason;
}

/**
 * Where the current step started: the history length, RNG and MLE warm start before it ran.
 * `withSettings` re-runs a finished session's last step from here under the new settings.
 */
export interface StepStart {
  history: number;
  rng: RngState;
  warmStart: Float64Array;
}

/** Everything a session holds besides its settings, pool and backend (what a snapshot saves). */
export interface SessionRecord {
  history: HistoryEntry[];
  rng: RngState;
  warmStart: Float64Array;
  pending: Pending | null;
  result: Result | null;
  stepStart: StepStart | null;
}

/** The record of a session that has not run a step yet. */
export function freshRecord(rng: RngState): SessionRecord {
  return { history: [], rng, warmStart: new Float64Array(0), pending: null, result: null, stepStart: null };
}

/**
 * `x` with −0 written as +0, as JSON would: a session keeps the numbers its snapshot will hold, so
 * one restored from JSON behaves bit for bit as the original.
 */
export function plusZero<T extends number | null>(x: T): T {
  return (x === null ? x : x + 0) as T;
}

/** A copy of a vector with −0 written as +0 (see {@link plusZero}). */
export function plusZeros(v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! + 0;
  return out;
}

/** A deep copy (the history entries are immutable and shared). */
export function copyRecord(r: SessionRecord): SessionRecord {
  return {
    history: r.history.slice(),
    rng: [r.rng[0], r.rng[1], r.rng[2], r.rng[3]],
    warmStart: r.warmStart.slice(),
    pending: r.pending ? { ...r.pending, pair: [r.pending.pair[0], r.pending.pair[1]] } : null,
    result: r.result ? { ...r.result } : null,
    stepStart: r.stepStart ? { history: r.stepStart.history, rng: [...r.stepStart.rng], warmStart: r.stepStart.warmStart.slice() } : null,
  };
}
