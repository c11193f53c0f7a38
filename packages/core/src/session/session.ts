import type { ConfidenceSetBackend } from "../backend.js";
import { UserAlignError } from "../errors.js";
import { assertFeatureScale, toFeatureMatrix, type FeatureMatrix, type FeatureRows } from "../features.js";
import { PreferenceState, type Comparison } from "../preference-state.js";
import { createSolverRegistry, type SolverRegistry } from "../registry.js";
import { Rng } from "../rng.js";
import {
  answerSchema,
  parseOrThrow,
  sessionSettingsSchema,
  snapshotSchema,
  type Method,
  type SessionSettings,
  type SessionSnapshot,
} from "../schemas.js";
import { computeStep, type StepDecision } from "../step.js";
import type * as z from "zod";
import { featureDigest } from "./digest.js";
import { choosePair } from "./choose-pair.js";
import { PairMemory } from "./pair-memory.js";

/** Options of {@link createSession}. */
export interface SessionOptions extends z.input<typeof sessionSettingsSchema> {
  /** The pool: one feature row per candidate, scaled so ‖φ(y) − φ(y')‖ ≤ 1 (see `scaleFeatures`). */
  features: FeatureRows;
  /**
   * Backend for the confidence-set problems: an instance, or a name looked up in `registry`.
   * @default the registry's highest-priority backend (`structured`)
   */
  solver?: string | ConfidenceSetBackend;
  /** Where backend names are looked up. @default createSolverRegistry() */
  registry?: SolverRegistry;
  /** Clock for the step timings. @default performance.now */
  now?: () => number;
}

/** Why a session ended. */
export type FinishReason = "bound" | "step-cap" | "budget" | "exhausted" | "immediate";

/** The pending question: which two candidates to show. */
export interface QuestionView {
  readonly status: "question";
  /** 1-based number of this question. */
  readonly question: number;
  /** [y⁽¹⁾, y⁽²⁾]: indices into the pool. */
  readonly pair: readonly [number, number];
  /** B(t) at this step (null for methods without one). */
  readonly bound: number | null;
  /** True when y⁽²⁾ was drawn at random (fixed-budget mode with no viable candidate, or IIDBEST). */
  readonly random: boolean;
}

/** The final answer. */
export interface ResultView {
  readonly status: "done";
  /** Index of the returned candidate. */
  readonly choice: number;
  /** B(t) when the session stopped on the bound, else null. */
  readonly bound: number | null;
  /** Questions the person answered. */
  readonly questions: number;
  /** Steps taken: questions plus earlier answers added again (SPEC step 7); capped by `maxSteps`. */
  readonly steps: number;
  readonly reason: FinishReason;
}

export type SessionView = QuestionView | ResultView;

/** One entry of the history: an answer, or an earlier answer added again (SPEC step 7). */
export interface HistoryEntry extends Comparison {
  readonly replayed: boolean;
}

/** IIDBEST's budget T when none is given. */
const DEFAULT_IID_BUDGET = 20;

interface Pending {
  question: number;
  pair: [number, number];
  bound: number | null;
  random: boolean;
}
interface Result {
  choice: number;
  bound: number | null;
  reason: FinishReason;
}

/**
 * A selection session (SPEC "One step" and "Baselines"): ask `next()` what to show, pass the
 * person's choice to `answer()`, repeat until `next()` returns `status: "done"`. `toJSON()` and
 * {@link restoreSession} move it between processes with identical behaviour afterwards.
 */
export class UserAlignSession {
  private readonly state: PreferenceState;
  private readonly memory: PairMemory;
  private readonly entries: HistoryEntry[] = [];
  private rng: Rng;
  private warmStart: Float64Array = new Float64Array(0);
  private pending: Pending | null = null;
  private result: Result | null = null;
  private questionsAsked = 0;
  private replayCount = 0;
  private last: StepDecision | null = null;

  private constructor(
    readonly settings: Readonly<SessionSettings>,
    private readonly pool: FeatureMatrix,
    readonly backend: ConfidenceSetBackend,
    private readonly now: (() => number) | undefined,
  ) {
    this.state = new PreferenceState(pool.data, pool.n, pool.d);
    this.memory = new PairMemory(pool.n);
    this.rng = Rng.fromSeed(settings.seed);
  }

  /** Builds a session; see {@link createSession}. */
  static create(options: SessionOptions): UserAlignSession {
    if (typeof options !== "object" || options === null) {
      throw new UserAlignError("invalid_input", "Session options must be an object with at least `features`.");
    }
    const { features, solver, registry, now, ...rest } = options;
    const settings = parseOrThrow(sessionSettingsSchema, rest, "session options");
    const pool = toFeatureMatrix(features);
    if (settings.checkScale) assertFeatureScale(pool);
    if (settings.method === "oracle") {
      if (!settings.theta) {
        throw new UserAlignError("invalid_input", "The oracle method needs `theta`, the user's preference vector θ*.", [
          { path: ["theta"], message: "required for method oracle" },
        ]);
      }
      if (settings.theta.length !== pool.d) {
        throw new UserAlignError("invalid_input", `theta has length ${settings.theta.length}, but the features have dimension ${pool.d}.`, [
          { path: ["theta"], message: `expected length ${pool.d}` },
        ]);
      }
    }
    const backend = resolveBackend(solver, registry);
    return new UserAlignSession(settings, pool, backend, now);
  }

  /** Resumes a session saved with {@link UserAlignSession.toJSON}; see {@link restoreSession}. */
  static restore(snapshot: unknown, options: RestoreOptions = {}): UserAlignSession {
    const snap = parseOrThrow(snapshotSchema, snapshot, "session snapshot");
    const rows = options.features ?? snap.features;
    if (!rows) {
      throw new UserAlignError("invalid_input", "This snapshot was saved without features: pass `features` to restore it.", [
        { path: ["features"], message: "required" },
      ]);
    }
    const pool = toFeatureMatrix(rows);
    const digest = featureDigest(pool.data);
    if (pool.n !== snap.pool.n || pool.d !== snap.pool.d || digest !== snap.pool.digest) {
      throw new UserAlignError(
        "invalid_input",
        `These features (${pool.n}×${pool.d}) are not the pool the session was saved with (${snap.pool.n}×${snap.pool.d}).`,
        [{ path: ["features"], message: "digest mismatch" }],
      );
    }
    const settings = parseOrThrow(sessionSettingsSchema, snap.settings, "snapshot settings");
    const backend = resolveBackend(options.solver ?? snap.solver, options.registry);
    const session = new UserAlignSession(settings, pool, backend, options.now);
    for (const h of snap.history) {
      session.checkIndex(h.winner, ["history"]);
      session.checkIndex(h.loser, ["history"]);
      session.state.add(h);
      if (!h.replayed) session.memory.record(h);
      session.entries.push({ winner: h.winner, loser: h.loser, replayed: h.replayed });
    }
    session.questionsAsked = snap.questions;
    session.rng = Rng.fromState(snap.rng);
    session.warmStart = Float64Array.from(snap.warmStart);
    session.pending = snap.pending ? { ...snap.pending, pair: [snap.pending.pair[0], snap.pending.pair[1]] } : null;
    session.result = snap.result;
    session.replayCount = snap.replayed;
    return session;
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

  /** Known answers re-added instead of asking a pair again (SPEC step 7). */
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
    if (!this.result && !this.pending) this.advance();
    if (this.result) {
      return { status: "done", choice: this.result.choice, bound: this.result.bound, questions: this.questionsAsked, steps: this.entries.length, reason: this.result.reason };
    }
    const p = this.pending!;
    return { status: "question", question: p.question, pair: [p.pair[0], p.pair[1]], bound: p.bound, random: p.random };
  }

  /**
   * Records the person's choice for the pending question and returns what comes next. Accepts the
   * winner's index, or `{ winner, loser?, question? }`; throws `answer_mismatch` (and records
   * nothing) when it does not fit the pending question, `session_finished` after the end.
   */
  answer(input: unknown): SessionView {
    const parsed = parseOrThrow(answerSchema, input, "answer");
    const view = this.next();
    if (view.status === "done") {
      throw new UserAlignError("session_finished", `The session has finished (returned candidate ${view.choice}); it takes no more answers.`);
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
      throw new UserAlignError(
        "answer_mismatch",
        `The pending question compares candidates ${a} and ${b}; the answer names ${winner}.`,
        [{ path: typeof parsed === "number" ? [] : ["winner"], message: `expected ${a} or ${b}` }],
      );
    }
    const loser = winner === a ? b : a;
    if (typeof parsed === "object" && parsed.loser !== undefined && parsed.loser !== loser) {
      throw new UserAlignError("answer_mismatch", `The loser must be ${loser}, the other candidate of the pending question.`, [
        { path: ["loser"], message: `expected ${loser}` },
      ]);
    }
    const c = { winner, loser };
    this.state.add(c);
    this.memory.record(c);
    this.entries.push({ ...c, replayed: false });
    this.questionsAsked++;
    this.pending = null;
    return this.next();
  }

  /**
   * A JSON-safe snapshot. With `features: false` the pool is left out (restore then needs it and
   * checks it against a digest).
   */
  toJSON(options: { features?: boolean } = {}): SessionSnapshot {
    const snap: SessionSnapshot = {
      format: "useralign-session",
      version: 1,
      settings: { ...this.settings } as Record<string, unknown>,
      solver: this.backend.name,
      pool: { n: this.pool.n, d: this.pool.d, digest: featureDigest(this.pool.data) },
      history: this.entries.map((h) => ({ winner: h.winner, loser: h.loser, replayed: h.replayed })),
      questions: this.questionsAsked,
      rng: this.rng.state(),
      warmStart: Array.from(this.warmStart),
      pending: this.pending ? { ...this.pending, pair: [this.pending.pair[0], this.pending.pair[1]] } : null,
      result: this.result ? { ...this.result } : null,
      replayed: this.replayCount,
    };
    if (options.features !== false) {
      const { data, n, d } = this.pool;
      snap.features = Array.from({ length: n }, (_, j) => Array.from(data.subarray(j * d, (j + 1) * d)));
    }
    return snap;
  }

  private checkIndex(i: number, path: (string | number)[]): void {
    if (i >= this.pool.n) {
      throw new UserAlignError("invalid_input", `Index ${i} is out of range for a pool of ${this.pool.n} candidates.`, [{ path, message: "out of range" }]);
    }
  }

  private step(extra: { firstOnly?: boolean; exclude?: (j: number, first: number) => boolean } = {}): StepDecision {
    const decision = computeStep(this.state, {
      S: this.settings.S,
      delta: this.settings.delta,
      kind: this.settings.method === "useralign-loss" ? "loss" : "practical",
      backend: this.backend,
      mode: "best",
      tieTolerance: this.settings.tolerance,
      warmStart: this.warmStart,
      drawFirst: () => this.rng.int(this.pool.n),
      ...(this.now ? { now: this.now } : {}),
      ...extra,
    });
    this.warmStart = decision.alpha;
    this.last = decision;
    return decision;
  }

  private finish(choice: number, bound: number | null, reason: FinishReason): void {
    this.result = { choice, bound, reason };
  }

  private advance(): void {
    switch (this.settings.method) {
      case "useralign":
      case "useralign-loss":
        return this.advanceAdaptive();
      case "iidbest":
        return this.advanceIid();
      case "random":
        return this.finish(this.rng.int(this.pool.n), null, "immediate");
      case "oracle": {
        const theta = this.settings.theta!;
        const { data, n, d } = this.pool;
        let best = 0;
        let bestScore = -Infinity;
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let k = 0; k < d; k++) s += theta[k]! * data[j * d + k]!;
          if (s > bestScore) {
            bestScore = s;
            best = j;
          }
        }
        return this.finish(best, null, "immediate");
      }
    }
  }

  /** SPEC steps 6–8 with the replay rule and, under a budget, the uniform fallback. */
  private advanceAdaptive(): void {
    const fixed = this.settings.budget !== undefined;
    const cap = fixed ? this.settings.budget! : this.settings.maxQuestions;
    // Replays are steps: they share the step cap with questions (SPEC step 8). A budget counts
    // steps by default, as the paper's footnote 3 runs T steps; a human study that promises
    // K comparisons counts questions instead (`budgetUnit: "questions"`).
    const stepsBudget = fixed && this.settings.budgetUnit === "steps";
    const stepCap = stepsBudget ? Math.min(this.settings.maxSteps, cap) : this.settings.maxSteps;
    const stepsLeft = stepCap - this.entries.length;
    const capReason = (): FinishReason => (fixed && (stepsBudget || this.questionsAsked >= cap) ? "budget" : "step-cap");
    if (this.questionsAsked >= cap || stepsLeft <= 0) {
      const d = this.step({ firstOnly: true });
      return this.finish(d.first, null, capReason());
    }
    const tol = this.settings.tolerance;
    const { decision: d, limited } = choosePair(
      (exclude) => this.step(exclude ? { exclude } : {}),
      this.memory,
      (known) => {
        this.state.add(known);
        this.entries.push({ winner: known.winner, loser: known.loser, replayed: true });
        this.replayCount++;
      },
      fixed ? tol : this.settings.epsilon + tol,
      { max: stepsLeft, onLimit: "stop" },
    );
    if (limited) return this.finish(d.first, null, capReason());
    if (!fixed && (d.second < 0 || d.bound <= this.settings.epsilon + tol)) {
      // No candidate left (a pool of one) counts as B = 0 (SPEC step 8).
      return this.finish(d.first, d.second < 0 ? 0 : d.bound, "bound");
    }
    // Replays in this step may have used up the last steps: a question now would exceed the cap.
    if (this.entries.length >= stepCap) return this.finish(d.first, null, capReason());
    let second = d.second;
    let random = false;
    if (fixed && (d.second < 0 || d.bound <= tol)) {
      const open = this.memory.unpaired(d.first);
      if (open.length === 0) return this.finish(d.first, Math.max(0, d.bound), "exhausted");
      second = open[this.rng.int(open.length)]!;
      random = true;
    }
    this.pending = { question: this.questionsAsked + 1, pair: [d.first, second], bound: d.bound, random };
  }

  /** IIDBEST(T): T uniformly random unasked pairs, then the MLE's favourite. */
  private advanceIid(): void {
    const budget = this.settings.budget ?? DEFAULT_IID_BUDGET;
    const n = this.pool.n;
    const totalPairs = (n * (n - 1)) / 2;
    if (this.questionsAsked >= budget || this.memory.size >= totalPairs) {
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
    this.pending = { question: this.questionsAsked + 1, pair: [i, j], bound: null, random: true };
  }
}

/** Options of {@link restoreSession}. */
export interface RestoreOptions {
  /** The pool, required when the snapshot was saved with `features: false`. */
  features?: FeatureRows;
  /** Overrides the backend named in the snapshot. */
  solver?: string | ConfidenceSetBackend;
  registry?: SolverRegistry;
  now?: () => number;
}

function resolveBackend(solver: string | ConfidenceSetBackend | undefined, registry: SolverRegistry | undefined): ConfidenceSetBackend {
  if (solver && typeof solver === "object") {
    if (typeof solver.maximize !== "function" || typeof solver.name !== "string") {
      throw new UserAlignError("invalid_input", "`solver` must be a backend name or an object with `name` and `maximize`.", [
        { path: ["solver"], message: "not a backend" },
      ]);
    }
    return solver;
  }
  const reg = registry ?? createSolverRegistry();
  return solver === undefined ? reg.default() : reg.get(solver);
}

/** Starts a selection session. Throws `invalid_input` (with paths) for bad options or features. */
export function createSession(options: SessionOptions): UserAlignSession {
  return UserAlignSession.create(options);
}

/** Resumes a session from `toJSON()` output (an object or its parsed JSON). */
export function restoreSession(snapshot: unknown, options: RestoreOptions = {}): UserAlignSession {
  return UserAlignSession.restore(snapshot, options);
}
