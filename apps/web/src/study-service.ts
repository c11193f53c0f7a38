import { createSession, restoreSession, Rng, type UserAlignSession } from "@useralign/core";
import { randomUUID } from "node:crypto";
import * as z from "zod";
import { assign, assignmentRng } from "./assignment.js";
import { StudyError } from "./errors.js";
import { KeyedLock } from "./keyed-lock.js";
import type { Study, StudyPool } from "./load-study.js";
import { comparisonSides, participantView, type ParticipantView } from "./participant-view.js";
import { selectionAfter } from "./selection.js";
import type { AnswerPayload, AnswerRecord, Matchup, ParticipantRecord, ParticipantState } from "./store/records.js";
import type { StudyStore } from "./store/store.js";

/** The body of `POST /api/participants/:id/answers`. */
export const answerBodySchema = z
  .object({
    /** Client-generated, one per screen: a replayed request with the same id is recorded once. */
    answerId: z.string().min(8).max(100),
    stage: z.enum(["compare", "evaluate"]),
    /** The step the participant saw ("step k of K"). */
    step: z.number().int().min(1),
    /** The option chosen: `a` (left/top) or `b`. */
    choice: z.enum(["a", "b"]),
  })
  .strict();
/** A parsed answer request. */
export type AnswerBody = z.infer<typeof answerBodySchema>;

/** What answering returns: the next screen, and whether this request was a replay. */
export interface AnswerResult {
  readonly view: ParticipantView;
  readonly duplicate: boolean;
}

/** Options of {@link StudyService}. */
export interface StudyServiceOptions {
  study: Study;
  store: StudyStore;
  /** Clock for timestamps. @default () => new Date() */
  now?: () => Date;
  /** Participant ids. @default crypto.randomUUID */
  newId?: () => string;
}

// Lost races against another writer of the same participant before giving up.
const MAX_ATTEMPTS = 5;

/**
 * The study flow as an adapter around core sessions: assigns participants, turns answers into
 * session steps and stored rows, and rebuilds every screen from the store (so a refresh, a second
 * tab or a server restart all see the same state).
 */
export class StudyService {
  readonly study: Study;
  private readonly store: StudyStore;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly locks = new KeyedLock();

  constructor(options: StudyServiceOptions) {
    this.study = options.study;
    this.store = options.store;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
  }

  /**
   * Assigns a new participant (balanced over cells) and returns the stage-1 screen. Throws
   * `finished` once the study's `maxParticipants` have been assigned.
   */
  createParticipant(): Promise<ParticipantView> {
    // One assignment at a time, so the balance counts include the previous participant.
    return this.locks.run("\0assign", async () => {
      const counts = await this.store.countCells();
      let total = 0;
      for (const n of counts.values()) total += n;
      if (this.study.maxParticipants !== null && total >= this.study.maxParticipants) {
        throw new StudyError("finished", "This study has all the participants it needs. Thank you for your interest!");
      }
      const assignment = assign(this.study, counts, assignmentRng(this.study.seed, total));
      const domain = this.study.domains[assignment.domain]!;
      const pool = domain.pools[assignment.pool]!;
      const session = createSession({ features: pool.features, method: assignment.method, budget: domain.budget, budgetUnit: "questions", seed: assignment.seed });
      const record: ParticipantRecord = {
        id: this.newId(),
        createdAt: this.now().toISOString(),
        assignment,
        state: { stage: "question", session: session.toJSON({ features: false }), matchups: null, evaluated: 0 },
        version: 1,
      };
      await this.store.createParticipant(record);
      return participantView(this.study, record);
    });
  }

  /** The participant's current screen. */
  async view(id: string): Promise<ParticipantView> {
    return participantView(this.study, await this.load(id));
  }

  /** Leaves stage 1 for the comparisons. Repeating it is harmless (returns the current screen). */
  start(id: string): Promise<ParticipantView> {
    return this.locks.run(id, async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const p = await this.load(id);
        if (p.state.stage !== "question") return participantView(this.study, p);
        const pool = this.poolOf(p);
        const session = restoreSession(p.state.session, { features: pool.features });
        // Compute the first pair now, so the stored snapshot already holds what the page shows.
        session.next();
        const state: ParticipantState = { ...p.state, stage: "compare", session: session.toJSON({ features: false }) };
        if (await this.store.updateState(id, state, p.version)) return participantView(this.study, { ...p, state, version: p.version + 1 });
      }
      throw new StudyError("conflict", "This session is being changed elsewhere; reload the page.");
    });
  }

  /**
   * Records one answer. A replay of a stored answer id returns the current screen with
   * `duplicate: true`; an answer for a step that is not pending throws `not_pending`.
   */
  answer(id: string, input: unknown): Promise<AnswerResult> {
    const parsed = answerBodySchema.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message }));
      throw new StudyError("bad_request", `Invalid answer: ${issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`, issues);
    }
    const body = parsed.data;
    return this.locks.run(id, async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const existing = await this.store.getAnswer(body.answerId);
        if (existing) {
          if (existing.participantId !== id) throw new StudyError("conflict", "This answer id belongs to another participant.");
          return { view: await this.view(id), duplicate: true };
        }
        const p = await this.load(id);
        const { state, payload } = this.apply(p, body);
        const answer: AnswerRecord = { id: body.answerId, participantId: id, stage: body.stage, step: body.step, createdAt: this.now().toISOString(), payload };
        const outcome = await this.store.recordAnswer(answer, state, p.version);
        if (outcome === "stored") return { view: participantView(this.study, { ...p, state, version: p.version + 1 }), duplicate: false };
        if (outcome === "step-taken") throw this.notPending(await this.load(id), body);
        // duplicate-id or stale: someone else wrote first; re-read and decide again.
      }
      throw new StudyError("conflict", "This session is being changed elsewhere; reload the page.");
    });
  }

  private async load(id: string): Promise<ParticipantRecord> {
    const p = await this.store.getParticipant(id);
    if (!p) throw new StudyError("not_found", `No participant ${JSON.stringify(id)} in this study. Start again from the first page.`);
    return p;
  }

  private poolOf(p: ParticipantRecord): StudyPool {
    return this.study.domains[p.assignment.domain]!.pools[p.assignment.pool]!;
  }

  private notPending(p: ParticipantRecord, body: AnswerBody): StudyError {
    const what = body.stage === "compare" ? "comparison" : "final question";
    const view = participantView(this.study, p);
    const now =
      view.stage === "done"
        ? "the study is already complete"
        : view.progress && view.stage === body.stage
          ? `${what} ${view.progress.step} is pending`
          : view.stage === "question"
            ? "the comparisons have not started yet"
            : `this session is now at the ${view.stage === "compare" ? "comparisons" : "final questions"}`;
    return new StudyError("not_pending", `This answer is for ${what} ${body.step}, but ${now}: it was already answered or is out of date. Reload to continue.`, [
      { path: ["step"], message: now },
    ]);
  }

  /** The participant's next state after `body`, or `not_pending` when it doesn't fit. */
  private apply(p: ParticipantRecord, body: AnswerBody): { state: ParticipantState; payload: AnswerPayload } {
    if (p.state.stage !== body.stage) throw this.notPending(p, body);
    const pool = this.poolOf(p);
    if (body.stage === "compare") {
      const sides = comparisonSides(p, pool);
      if (!sides || sides.step !== body.step) throw this.notPending(p, body);
      const session = restoreSession(p.state.session, { features: pool.features });
      const [a, b] = sides.shown;
      const winner = body.choice === "a" ? a : b;
      const loser = winner === a ? b : a;
      const after = session.answer({ winner, question: body.step });
      const payload: AnswerPayload = {
        stage: "compare",
        shown: [pool.candidates[a]!.id, pool.candidates[b]!.id],
        winner: pool.candidates[winner]!.id,
        loser: pool.candidates[loser]!.id,
      };
      const snapshot = session.toJSON({ features: false });
      if (after.status === "question") return { state: { ...p.state, session: snapshot }, payload };
      return { state: { stage: "evaluate", session: snapshot, matchups: this.planMatchups(p, pool, session), evaluated: 0 }, payload };
    }
    const matchups = p.state.matchups ?? [];
    if (body.step !== p.state.evaluated + 1) throw this.notPending(p, body);
    const m = matchups[p.state.evaluated]!;
    const win = (body.choice === "b") === m.baselineFirst;
    const evaluated = p.state.evaluated + 1;
    return {
      state: { ...p.state, evaluated, stage: evaluated === matchups.length ? "done" : "evaluate" },
      payload: { stage: "evaluate", labels: m.labels, candidate: pool.candidates[m.candidate]!.id, win, baselineFirst: m.baselineFirst },
    };
  }

  /** Stage 3: the selections at the two evaluation steps and the RANDOM candidate, shuffled. */
  private planMatchups(p: ParticipantRecord, pool: StudyPool, session: UserAlignSession): Matchup[] {
    const domain = this.study.domains[p.assignment.domain]!;
    const rng = Rng.fromSeed(p.assignment.seed + 1);
    const labelled: [string, number][] = domain.evaluationSteps.map((k) => [`step ${k}`, selectionAfter(pool.features, session.history, k, session.settings.S, p.assignment.seed)]);
    labelled.push(["random", p.assignment.randomCandidate]);
    // One matchup per distinct candidate: asking the same pair twice would only measure consistency.
    const byCandidate = new Map<number, string[]>();
    for (const [label, candidate] of labelled) byCandidate.set(candidate, [...(byCandidate.get(candidate) ?? []), label]);
    const matchups = [...byCandidate].map(([candidate, labels]) => ({ labels, candidate, baselineFirst: rng.next() < 0.5 }));
    for (let i = matchups.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [matchups[i], matchups[j]] = [matchups[j]!, matchups[i]!];
    }
    return matchups;
  }
}
