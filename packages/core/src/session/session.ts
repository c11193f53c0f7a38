import type { ConfidenceSetBackend } from "../backend.js";
import { UserAlignError } from "../errors.js";
import { toFeatureMatrix, type FeatureMatrix } from "../features.js";
import { PreferenceState } from "../preference-state.js";
import { resolveBackend } from "../resolve-backend.js";
import { Rng } from "../rng.js";
import {
  answerSchema,
  parseOrThrow,
  sessionSettingsSchema,
  settingsChangeSchema,
  type Method,
  type SessionSettings,
  type SessionSnapshot,
} from "../schemas.js";
import { computeStep, type StepDecision, type StepSettings } from "../step.js";
import { stopsOnBound } from "../stop-rule.js";
import { adaptiveCaps, capReached, capReason, iidBudget } from "./caps.js";
import { choosePair } from "./choose-pair.js";
import { digestMatches } from "./digest.js";
import { PairMemory } from "./pair-memory.js";
import { nextSettings, outcomeUnchanged } from "./settings-change.js";
import { decodeSnapshot, encodeSnapshot } from "./snapshot.js";
import {
  copyRecord,
  freshRecord,
  plusZero,
  plusZeros,
  type FinishReason,
  type HistoryEntry,
  type Pending,
  type Result,
  type SessionRecord,
  type StepStart,
} from "./session-state.js";
import type { RestoreOptions, SessionOptions, SessionView } from "./session-types.js";
import { oracleChoice, validateRecord } from "./validate.js";

export type { FinishReason, HistoryEntry } from "./session-state.js";
export type { QuestionView, RestoreOptions, ResultView, SessionOptions, SessionView } from "./session-types.js";

/**
 * How fork, withSettings and a rollback validate the record of a live session: its pool was
 * checked by create or restore, and a session restored from format 1 may have no `stepStart`.
 */
const LIVE = { poolChecked: true, legacy: true } as const;

/** The parts a session is built from (by create, restore, fork and withSettings alike). */
interface Parts {
  settings: Readonly<SessionSettings>;
  pool: FeatureMatrix;
  backend: ConfidenceSetBackend;
  now: (() => number) | undefined;
}

/**
 * A selection session (method.md "One step" and "Baselines"): ask `next()` what to show, pass the
 * person's choice to `answer()`, repeat until `next()` returns `status: "done"`. `toJSON()` and
 * {@link restoreSession} move it between processes with identical behaviour afterwards; `fork()`
 * copies it in memory; `withSettings()` continues it under a smaller ε or a larger budget.
 *
 * Every public method either succeeds or throws a `UserAlignError` and leaves the session exactly
 * as it was (it works on the session's state and rolls back on a throw).
 */
export class UserAlignSession {
  readonly settings: Readonly<SessionSettings>;
  readonly backend: ConfidenceSetBackend;
  private readonly pool: FeatureMatrix;
  private readonly now: (() => number) | undefined;
  private state: PreferenceState;
  private memory: PairMemory;
  private readonly entries: HistoryEntry[];
  private rng!: Rng;
  private warmStart!: Float64Array;
  private pending!: Pending | null;
  private result!: Result | null;
  private stepStart!: StepStart | null;
  private questionsAsked!: number;
  private replayCount!: number;
  private last: StepDecision | null = null;

  private constructor(parts: Parts, record: SessionRecord, built: { memory: PairMemory; state: PreferenceState }) {
    this.settings = parts.settings;
    this.pool = parts.pool;
    this.backend = parts.backend;
    this.now = parts.now;
    this.memory = built.memory;
    this.state = built.state;
    this.entries = record.history;
    this.load(record);
  }

  /** Takes every field but the history's entries and the incremental state from `record`. */
  private load(record: SessionRecord): void {
    this.rng = Rng.fromState(record.rng);
    this.warmStart = record.warmStart;
    this.pending = record.pending;
    this.result = record.result;
    this.stepStart = record.stepStart;
    this.questionsAsked = record.history.filter((h) => !h.replayed).length;
    this.replayCount = record.history.length - this.questionsAsked;
  }

  /** Validates `record` against the settings (see `validateRecord`) and builds a session on it and this pool. */
  private static build(parts: Parts, record: SessionRecord): UserAlignSession {
    return new UserAlignSession(parts, record, validateRecord(parts.settings, parts.pool, record, LIVE));
  }

  /** Builds a session; see {@link createSession}. */
  static create(options: SessionOptions): UserAlignSession {
    if (typeof options !== "object" || options === null) {
      throw new UserAlignError("invalid_input", "Session options must be an object with at least `features`.");
    }
    const { features, backend, solver, registry, now, ...rest } = options;
    const settings = parseOrThrow(sessionSettingsSchema, rest, "session options");
    const pool = toFeatureMatrix(features);
    const record = freshRecord(Rng.fromSeed(settings.seed).state());
    // Validate before resolving the backend, so bad options are reported before a missing backend.
    const built = validateRecord(settings, pool, record);
    return new UserAlignSession({ settings, pool, backend: resolveBackend({ backend, solver, registry }), now }, record, built);
  }

  /** Resumes a session saved with {@link UserAlignSession.toJSON}; see {@link restoreSession}. */
  static restore(snapshot: unknown, options: RestoreOptions = {}): UserAlignSession {
    const snap = decodeSnapshot(snapshot);
    const rows = options.features ?? snap.features;
    if (!rows) {
      throw new UserAlignError("invalid_input", "This snapshot was saved without features: pass `features` to restore it.", [
        { path: ["features"], message: "required" },
      ]);
    }
    const pool = toFeatureMatrix(rows);
    if (pool.n !== snap.pool.n || pool.d !== snap.pool.d || !digestMatches(pool, rows, snap.pool.digest)) {
      throw new UserAlignError(
        "invalid_input",
        `These features (${pool.n}×${pool.d}) are not the pool the session was saved with (${snap.pool.n}×${snap.pool.d}).`,
        [{ path: ["features"], message: "digest mismatch" }],
      );
    }
    const settings = parseOrThrow(sessionSettingsSchema, snap.settings, "snapshot settings");
    const built = validateRecord(settings, pool, snap.record, { counts: snap.counts, legacy: snap.legacy });
    const backend = resolveBackend({ backend: options.backend, solver: options.solver, registry: options.registry }, snap.backend);
    return new UserAlignSession({ settings, pool, backend, now: options.now }, snap.record, built);
  }

  /** The method this session runs. */
  get method(): Method {
    return this.settings.method;
  }

  /** Number of candidates N. */
  get size(): number {
    return this.pool.n;
  }

  /** Feature dimension d. */
  get dimension(): number {
    return this.pool.d;
  }

  /** Questions answered so far. */
  get questions(): number {
    return this.questionsAsked;
  }

  /** Known answers re-added instead of asking a pair again (method.md step 7). */
  get replayed(): number {
    return this.replayCount;
  }

  /** The history as the solver sees it (answers and re-added answers, in order). */
  get history(): readonly HistoryEntry[] {
    return this.entries;
  }

  /** The most recent step computation (θ̂, values, timings), for diagnostics. */
  get lastStep(): StepDecision | null {
    return this.last;
  }

  /** θ̂ in R^d from the most recent step (zeros before any). */
  thetaHat(): Float64Array {
    return this.state.basis.expand(this.warmStart);
  }

  /** The pending question, or the final answer. Calling it again returns the same thing. */
  next(): SessionView {
    return this.transact(() => {
      if (!this.result && !this.pending) this.advance();
      return this.view();
    });
  }

  /**
   * Records the person's choice for the pending question and returns what comes next. Accepts the
   * winner's index, or `{ winner, loser?, question? }`; throws `answer_mismatch` (and records
   * nothing) when it does not fit the pending question, `session_finished` after the end.
   */
  answer(input: unknown): SessionView {
    return this.transact(() => {
      const parsed = parseOrThrow(answerSchema, input, "answer");
      if (!this.result && !this.pending) this.advance();
      const view = this.view();
      if (view.status === "done") {
        throw new UserAlignError(
          "session_finished",
          `The session has finished (returned candidate ${view.choice}); it takes no more answers.`,
        );
      }
      const [a, b] = view.pair;
      const winner = typeof parsed === "number" ? parsed : parsed.winner;
      if (typeof parsed === "object" && parsed.question !== undefined && parsed.question !== view.question) {
        throw new UserAlignError(
          "answer_mismatch",
          `This answer is for question ${parsed.question}, but question ${view.question} is pending.`,
          [{ path: ["question"], message: `expected ${view.question}` }],
        );
      }
      if (winner !== a && winner !== b) {
        throw new UserAlignError("answer_mismatch", `The pending question compares candidates ${a} and ${b}; the answer names ${winner}.`, [
          { path: typeof parsed === "number" ? [] : ["winner"], message: `expected ${a} or ${b}` },
        ]);
      }
      const loser = winner === a ? b : a;
      if (typeof parsed === "object" && parsed.loser !== undefined && parsed.loser !== loser) {
        throw new UserAlignError("answer_mismatch", `The loser must be ${loser}, the other candidate of the pending question.`, [
          { path: ["loser"], message: `expected ${loser}` },
        ]);
      }
      const entry: HistoryEntry = { winner, loser, replayed: false, question: view.question, bound: view.bound };
      this.state.add(entry);
      this.memory.record(entry, entry.question);
      this.entries.push(entry);
      this.questionsAsked++;
      this.pending = null;
      this.stepStart = null;
      this.advance();
      return this.view();
    });
  }

  /**
   * The candidate the method returns after the first `k` answers (0 ≤ k ≤ questions): method.md step
   * 6's y⁽¹⁾ = argmax ⟨θ̂, φ(y)⟩ under the MLE of those answers — IIDBEST's final rule, and what
   * UserAlign returns when it stops after them. Replays recorded after the k-th answer and before
   * the next one count, as they did for the step that followed it. At k = 0 every score ties and
   * the choice is the session's first random draw (its seed). Does not change the session.
   */
  selectionAfter(k: number): number {
    if (!Number.isInteger(k) || k < 0 || k > this.questionsAsked) {
      throw new UserAlignError(
        "invalid_input",
        `selectionAfter(k) needs an integer 0 ≤ k ≤ ${this.questionsAsked} (the answers so far); got ${k}.`,
        [{ path: ["k"], message: "out of range" }],
      );
    }
    const state = new PreferenceState(this.pool.data, this.pool.n, this.pool.d);
    let answered = 0;
    for (const entry of this.entries) {
      if (!entry.replayed) {
        if (answered === k) break;
        answered++;
      }
      state.add(entry);
    }
    const rng = Rng.fromSeed(this.settings.seed);
    return computeStep(state, this.stepSettings({ firstOnly: true, drawFirst: () => rng.int(this.pool.n) })).first;
  }

  /** A deep copy that behaves exactly as this session from here on (same backend instance and clock). */
  fork(): UserAlignSession {
    const copy = UserAlignSession.build(this.parts(this.settings), copyRecord(this.record()));
    copy.last = this.last;
    return copy;
  }

  /**
   * The session an independent run with changed settings would be in at this point, given the
   * same answers — for running a grid of settings on one trajectory (an experiment chain). Legal
   * changes keep every earlier decision: ε lowered (a session that stopped at B ≤ ε asked the same
   * questions as one with a smaller ε up to there) and the budget raised (fixed-budget mode and
   * IIDBEST). A finished session whose outcome can change re-runs its last step under the new
   * settings; the answers it needs next come from the same person, in order. Returns a new
   * session; this one is unchanged. Throws `invalid_input` for any other change.
   */
  withSettings(change: { epsilon?: number; budget?: number }): UserAlignSession {
    const parsed = parseOrThrow(settingsChangeSchema, change, "settings change");
    const settings = nextSettings(this.settings, parsed);
    const parts = this.parts(settings);
    const result = this.result;
    if (!result || outcomeUnchanged(this.settings, settings, result, this.memory.size, this.pool.n)) {
      const copy = UserAlignSession.build(parts, copyRecord(this.record()));
      copy.last = this.last;
      return copy;
    }
    const start = this.stepStart;
    if (!start) {
      throw new UserAlignError(
        "invalid_input",
        "This session was restored from a format-1 snapshot, which does not record where its last step started; it cannot be continued under new settings.",
        [{ path: ["stepStart"], message: "missing" }],
      );
    }
    const record = this.record();
    const replay = this.continuingReplay(settings);
    if (replay) {
      // The last step ran out of steps while replaying answered pairs; with more steps it goes on
      // replaying. Continuing from its end costs one replay, where re-running it would repeat them all.
      return UserAlignSession.build(parts, { ...copyRecord(record), history: [...record.history, replay], result: null });
    }
    return UserAlignSession.build(parts, {
      history: record.history.slice(0, start.history),
      rng: [...start.rng],
      warmStart: start.warmStart.slice(),
      pending: null,
      result: null,
      stepStart: null,
    });
  }

  /**
   * A JSON-safe snapshot (format 2). With `features: false` the pool is left out (restore then
   * needs it and checks it against a digest). Its `check` makes restore refuse a changed copy.
   */
  toJSON(options: { features?: boolean } = {}): SessionSnapshot {
    return encodeSnapshot(this.settings, this.backend.name, this.pool, this.record(), options.features !== false);
  }

  private parts(settings: Readonly<SessionSettings>): Parts {
    return { settings, pool: this.pool, backend: this.backend, now: this.now };
  }

  /** The session's state as plain data (shared, not copied). */
  private record(): SessionRecord {
    return {
      history: this.entries,
      rng: this.rng.state(),
      warmStart: this.warmStart,
      pending: this.pending,
      result: this.result,
      stepStart: this.stepStart,
    };
  }

  private view(): SessionView {
    if (this.result) {
      const r = this.result;
      return {
        status: "done",
        choice: r.choice,
        bound: r.bound,
        questions: this.questionsAsked,
        steps: this.entries.length,
        reason: r.reason,
      };
    }
    const p = this.pending!;
    return { status: "question", question: p.question, pair: [p.pair[0], p.pair[1]], bound: p.bound, random: p.random };
  }

  /**
   * Runs `fn`; if it throws, puts every field back as it was. The history only grows, so the
   * incremental state is rebuilt from the kept prefix only when entries were added (a rare path:
   * a backend that fails after a replay, an answer whose next step fails).
   */
  private transact<T>(fn: () => T): T {
    const length = this.entries.length;
    const saved = this.record();
    const last = this.last;
    try {
      return fn();
    } catch (e) {
      this.entries.length = length;
      this.load(saved);
      this.last = last;
      if (this.state.total !== length) {
        ({ state: this.state, memory: this.memory } = validateRecord(this.settings, this.pool, this.record(), LIVE));
      }
      throw e;
    }
  }

  /**
   * The replay that continues a finished fixed-budget step under a larger budget, or null: the
   * step's y⁽²⁾ was viable, formed an answered pair, and the step had no steps left to replay it.
   */
  private continuingReplay(next: Readonly<SessionSettings>): HistoryEntry | null {
    const d = this.last;
    const start = this.stepStart;
    if (!d || !start || this.result?.reason !== "budget" || !adaptiveCaps(next).fixed) return null;
    if (this.entries.length <= start.history || stopsOnBound(d, 0, this.settings.tolerance)) return null;
    const known = this.memory.get(d.first, d.second);
    if (!known) return null;
    return {
      winner: known.winner,
      loser: known.loser,
      replayed: true,
      question: this.memory.question(d.first, d.second)!,
      bound: plusZero(d.bound),
    };
  }

  private stepSettings(extra: Partial<StepSettings> & Pick<StepSettings, "drawFirst">): StepSettings {
    return {
      S: this.settings.S,
      delta: this.settings.delta,
      kind: this.settings.method === "useralign-loss" ? "loss" : "practical",
      backend: this.backend,
      mode: "best",
      tieTolerance: this.settings.tolerance,
      ...(this.now ? { now: this.now } : {}),
      ...extra,
    };
  }

  private step(extra: { firstOnly?: boolean; exclude?: (j: number, first: number) => boolean } = {}): StepDecision {
    const decision = computeStep(
      this.state,
      this.stepSettings({ warmStart: this.warmStart, drawFirst: () => this.rng.int(this.pool.n), ...extra }),
    );
    this.warmStart = plusZeros(decision.alpha);
    this.last = decision;
    return decision;
  }

  private finish(choice: number, bound: number | null, reason: FinishReason): void {
    this.result = { choice, bound: plusZero(bound), reason };
  }

  private ask(pair: [number, number], bound: number | null, random: boolean): void {
    this.pending = { question: this.questionsAsked + 1, pair, bound: plusZero(bound), random };
  }

  /** Runs one step: sets the pending question or the result. */
  private advance(): void {
    // A step continued after `withSettings` keeps the start of the step it continues.
    this.stepStart ??= { history: this.entries.length, rng: this.rng.state(), warmStart: this.warmStart };
    switch (this.settings.method) {
      case "useralign":
      case "useralign-loss":
        return this.advanceAdaptive();
      case "iidbest":
        return this.advanceIid();
      case "random":
        return this.finish(this.rng.int(this.pool.n), null, "immediate");
      case "oracle":
        return this.finish(oracleChoice(this.settings.theta!, this.pool), null, "immediate");
    }
  }

  /** method.md steps 6–8 with the replay rule and, under a budget, the uniform fallback. */
  private advanceAdaptive(): void {
    const caps = adaptiveCaps(this.settings);
    const tol = this.settings.tolerance;
    if (capReached(caps, this.questionsAsked, this.entries.length)) {
      const d = this.step({ firstOnly: true });
      return this.finish(d.first, null, capReason(this.settings, this.questionsAsked));
    }
    // Fixed-budget mode ignores ε: only "no viable y⁽²⁾ left" (B ≤ tolerance) changes its course.
    const epsilon = caps.fixed ? 0 : this.settings.epsilon;
    const { decision: d, limited } = choosePair(
      (exclude) => this.step(exclude ? { exclude } : {}),
      this.memory,
      (known, at) => {
        this.state.add(known);
        this.entries.push({
          winner: known.winner,
          loser: known.loser,
          replayed: true,
          question: this.memory.question(known.winner, known.loser)!,
          bound: plusZero(at.bound),
        });
        this.replayCount++;
      },
      (decision) => stopsOnBound(decision, epsilon, tol),
      { max: caps.steps - this.entries.length, onLimit: "stop" },
    );
    if (limited) return this.finish(d.first, null, capReason(this.settings, this.questionsAsked));
    if (!caps.fixed && stopsOnBound(d, epsilon, tol)) {
      // No candidate left (a pool of one) counts as B = 0 (method.md step 8).
      return this.finish(d.first, d.second < 0 ? 0 : d.bound, "bound");
    }
    // Replays in this step may have used up the last steps: a question now would exceed the cap.
    if (this.entries.length >= caps.steps) return this.finish(d.first, null, capReason(this.settings, this.questionsAsked));
    if (caps.fixed && stopsOnBound(d, 0, tol)) {
      const open = this.memory.unpaired(d.first);
      if (open.length === 0) return this.finish(d.first, Math.max(0, d.bound), "exhausted");
      return this.ask([d.first, open[this.rng.int(open.length)]!], d.bound, true);
    }
    this.ask([d.first, d.second], d.bound, false);
  }

  /** IIDBEST(T): T uniformly random unasked pairs, then the MLE's favourite. */
  private advanceIid(): void {
    const n = this.pool.n;
    const totalPairs = (n * (n - 1)) / 2;
    if (this.questionsAsked >= iidBudget(this.settings) || this.memory.size >= totalPairs) {
      const d = this.step({ firstOnly: true });
      return this.finish(d.first, null, "budget");
    }
    let i = 0;
    let j = 0;
    if (this.memory.size < totalPairs / 2) {
      do {
        i = this.rng.int(n);
        j = this.rng.int(n - 1);
        if (j >= i) j++;
      } while (this.memory.has(i, j));
    } else {
      // Dense history: draw from the explicit list of open pairs instead of rejecting.
      const open: [number, number][] = [];
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (!this.memory.has(a, b)) open.push([a, b]);
      [i, j] = open[this.rng.int(open.length)]!;
    }
    this.ask([i, j], null, true);
  }
}

/** Starts a selection session. Throws `invalid_input` (with paths) for bad options or features. */
export function createSession(options: SessionOptions): UserAlignSession {
  return UserAlignSession.create(options);
}

/**
 * Resumes a session from `toJSON()` output (an object or its parsed JSON; format 2, or format 1 of
 * older cores). Throws `invalid_input` for a malformed, changed or impossible snapshot; otherwise
 * the session behaves exactly as the one that was saved.
 */
export function restoreSession(snapshot: unknown, options: RestoreOptions = {}): UserAlignSession {
  return UserAlignSession.restore(snapshot, options);
}
