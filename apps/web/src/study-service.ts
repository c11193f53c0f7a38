import { createSession, Rng, type UserAlignSession } from "@useralign/core";
import { randomBytes, randomUUID } from "node:crypto";
import { assign, assignmentRng } from "./assignment.js";
import { StudyError } from "./errors.js";
import { KeyedLock } from "./keyed-lock.js";
import { SessionCache } from "./session-cache.js";
import type { Study } from "./load-study.js";
import {
  displayedStep,
  participantView,
  pendingComparison,
  placeOf,
  restoreParticipantSession,
  type ParticipantView,
  type ViewContext,
} from "./participant-view.js";
import { answerBodySchema, consentBodySchema, joinBodySchema, parseBody, type AnswerBody } from "./request-bodies.js";
import type { AnswerPayload, AnswerRecord, Matchup, ParticipantRecord, ParticipantState } from "./store/records.js";
import type { StudyStore } from "./store/store.js";
import { studyVersion } from "./study-version.js";

export { answerBodySchema, type AnswerBody } from "./request-bodies.js";

/** What answering returns: the next screen, and whether this request was a replay. */
export interface AnswerResult {
  readonly view: ParticipantView;
  readonly duplicate: boolean;
}

/** What joining returns: the screen, and whether a new participant was created (or one returned). */
export interface JoinResult {
  readonly view: ParticipantView;
  readonly created: boolean;
}

/** Options of {@link StudyService}. */
export interface StudyServiceOptions {
  study: Study;
  store: StudyStore;
  /** Clock for timestamps. @default () => new Date() */
  now?: () => Date;
  /** Participant ids. @default crypto.randomUUID */
  newId?: () => string;
  /**
   * Secret behind participant completion codes; share it between processes and restarts (the
   * server keeps it in the database). @default a random one for this instance
   */
  secret?: string;
  /** Restored sessions kept between a participant's requests (0 turns the cache off). @default 2000 */
  sessionCacheSize?: number;
}

// Lost races against another writer of the same participant before giving up.
const MAX_ATTEMPTS = 5;

/** The external identity a participant's URL parameters carry, if any. */
function externalIdOf(params: Readonly<Record<string, string>>): string | null {
  if (params.PROLIFIC_PID) return `prolific:${params.PROLIFIC_PID}`;
  if (params.workerId) return `mturk:${params.workerId}`;
  return null;
}

/**
 * The study flow as an adapter around core sessions: assigns participants, turns answers into
 * session steps and stored rows, and rebuilds every screen from the store (so a refresh, a second
 * tab or a server restart all see the same state). Each request restores the participant's session
 * at most once and builds the screen from it.
 */
export class StudyService {
  readonly study: Study;
  /** The study version (content hash) new participants are tied to. */
  readonly version: string;
  private readonly store: StudyStore;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly context: ViewContext;
  private readonly locks = new KeyedLock();
  private readonly sessions: SessionCache;

  constructor(options: StudyServiceOptions) {
    this.study = options.study;
    this.store = options.store;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? randomUUID;
    this.version = studyVersion(options.study).hash;
    this.context = { study: options.study, secret: options.secret ?? randomBytes(32).toString("base64url") };
    this.sessions = new SessionCache(options.sessionCacheSize ?? 2000);
  }

  /** The secret behind participant codes (for verifying them). */
  get secret(): string {
    return this.context.secret;
  }

  /** Assigns a new participant and returns the first screen (see {@link join}). */
  async createParticipant(input: unknown = {}): Promise<ParticipantView> {
    return (await this.join(input)).view;
  }

  /**
   * A participant arrives with their URL parameters (`{params}`): a returning PROLIFIC_PID (or
   * MTurk workerId) gets their own record back; anyone else is assigned, balanced over cells and
   * personas among active participants, inside one store transaction. Throws `finished` once
   * `maxParticipants` are active or done.
   */
  async join(input: unknown): Promise<JoinResult> {
    const { params: all } = parseBody(joinBodySchema, input, "request");
    const params: Record<string, string> = {};
    for (const name of this.study.urlParameters) if (all[name] !== undefined && all[name] !== "") params[name] = all[name];
    const now = this.now();
    const activeSince = new Date(now.getTime() - this.study.abandonAfterMinutes * 60_000).toISOString();
    let fresh: UserAlignSession | undefined;
    const { record, created } = await this.store.assignParticipant(
      { externalId: externalIdOf(params), activeSince },
      ({ counts, total }) => {
        const active = counts.reduce((sum, c) => sum + c.n, 0);
        if (this.study.maxParticipants !== null && active >= this.study.maxParticipants) {
          throw new StudyError("finished", "This study has all the participants it needs. Thank you for your interest!");
        }
        const assignment = assign(this.study, counts, assignmentRng(this.study.seed, total));
        const { domain, pool } = placeOf(this.study, { assignment } as ParticipantRecord);
        const session = createSession({
          features: pool.features,
          method: assignment.method,
          budget: domain.budget,
          budgetUnit: "questions",
          seed: assignment.seed,
        });
        fresh = session;
        const at = now.toISOString();
        return {
          id: this.newId(),
          createdAt: at,
          assignment,
          state: {
            stage: this.study.consent ? "consent" : "question",
            session: session.toJSON({ features: false }),
            matchups: null,
            evaluated: 0,
            checks: 0,
            consentedAt: null,
          },
          version: 1,
          studyVersion: this.version,
          externalId: externalIdOf(params),
          params,
          updatedAt: at,
          finishedAt: null,
        };
      },
    );
    this.checkVersion(record);
    // Starting need not restore what was just created (the record is at version 1, as stored).
    if (created && fresh) this.sessions.put(record.id, record.version, fresh);
    return { view: participantView(this.context, record), created };
  }

  /** The participant's current screen. */
  async view(id: string): Promise<ParticipantView> {
    return this.screenOf(await this.load(id));
  }

  /**
   * `p`'s screen, from its cached session when there is one (a double submit or a reload asks for
   * the screen the last answer just built). Take, use and put back run in one synchronous stretch,
   * so no other request sees the session meanwhile.
   */
  private screenOf(p: ParticipantRecord): ParticipantView {
    if (p.state.stage !== "compare") return participantView(this.context, p);
    const session = this.sessions.take(p.id, p.version) ?? restoreParticipantSession(this.study, p);
    const view = participantView(this.context, p, session);
    this.sessions.put(p.id, p.version, session);
    return view;
  }

  /** Records consent (`{accept: true}`) and moves on to the question. Repeating it is harmless. */
  consent(id: string, input: unknown = { accept: true }): Promise<ParticipantView> {
    parseBody(consentBodySchema, input, "consent");
    return this.advance(id, "consent", (p, at) => ({ ...p.state, stage: "question", consentedAt: at }));
  }

  /** Leaves stage 1 for the comparisons. Repeating it is harmless (returns the current screen). */
  start(id: string): Promise<ParticipantView> {
    return this.advance(id, "question", (p, _at, session) => {
      // Compute the first pair now, so the stored snapshot already holds what the page shows.
      session().next();
      return { ...p.state, stage: "compare", session: session().toJSON({ features: false }) };
    });
  }

  /** Moves a participant out of `from` with `next`, once; at any other stage returns the current screen. */
  private advance(
    id: string,
    from: ParticipantState["stage"],
    next: (p: ParticipantRecord, at: string, session: () => UserAlignSession) => ParticipantState,
  ): Promise<ParticipantView> {
    return this.locks.run(id, async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const p = await this.load(id);
        let restored: UserAlignSession | undefined;
        const session = () => (restored ??= this.sessions.take(id, p.version) ?? restoreParticipantSession(this.study, p));
        if (p.state.stage !== from) return this.screenOf(p);
        const at = this.now().toISOString();
        const state = next(p, at, session);
        if (await this.store.updateState(id, state, p.version, at)) {
          // The session `next` used (or the cached one, when the snapshot did not change) is exactly the
          // stored state: the next request need not restore it.
          const kept = restored ?? (state.session === p.state.session ? this.sessions.take(id, p.version) : undefined);
          if (kept) this.sessions.put(id, p.version + 1, kept);
          return participantView(this.context, { ...p, state, version: p.version + 1, updatedAt: at }, restored);
        }
      }
      throw new StudyError("conflict", "This session is being changed elsewhere; reload the page.");
    });
  }

  /**
   * Records one answer. A replay of a stored answer id returns the current screen with
   * `duplicate: true`; an answer for a step that is not pending throws `not_pending`.
   */
  answer(id: string, input: unknown): Promise<AnswerResult> {
    const body = parseBody(answerBodySchema, input, "answer");
    return this.locks.run(id, async () => {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const existing = await this.store.getAnswer(body.answerId);
        if (existing) {
          if (existing.participantId !== id) throw new StudyError("conflict", "This answer id belongs to another participant.");
          return { view: await this.view(id), duplicate: true };
        }
        const p = await this.load(id);
        const session =
          p.state.stage === "compare" ? (this.sessions.take(id, p.version) ?? restoreParticipantSession(this.study, p)) : undefined;
        const { state, stage, step, payload } = this.apply(p, body, session);
        const createdAt = this.now().toISOString();
        const answer: AnswerRecord = {
          id: body.answerId,
          participantId: id,
          stage,
          step,
          createdAt,
          payload,
          responseMs: body.responseMs ?? null,
        };
        const outcome = await this.store.recordAnswer(answer, state, p.version);
        if (outcome === "stored") {
          const next = {
            ...p,
            state,
            version: p.version + 1,
            updatedAt: createdAt,
            finishedAt: state.stage === "done" ? createdAt : p.finishedAt,
          };
          if (state.stage === "compare" && session) this.sessions.put(id, next.version, session);
          return { view: participantView(this.context, next, state.stage === "compare" ? session : undefined), duplicate: false };
        }
        if (outcome === "step-taken") throw this.notPending(await this.load(id), body);
        // duplicate-id or stale: someone else wrote first; re-read and decide again.
      }
      throw new StudyError("conflict", "This session is being changed elsewhere; reload the page.");
    });
  }

  private async load(id: string): Promise<ParticipantRecord> {
    const p = await this.store.getParticipant(id);
    if (!p) throw new StudyError("not_found", `No participant ${JSON.stringify(id)} in this study. Start again from the first page.`);
    this.checkVersion(p);
    return p;
  }

  /** A participant who started on another version of the study file is never served this one. */
  private checkVersion(p: ParticipantRecord): void {
    if (p.studyVersion !== null && p.studyVersion !== this.version) {
      throw new StudyError(
        "study_changed",
        "This study was changed after you started, so your session cannot continue on this server. Please contact the researcher; your answers so far are saved.",
      );
    }
  }

  private notPending(p: ParticipantRecord, body: AnswerBody): StudyError {
    const what = body.stage === "compare" ? "comparison" : "final question";
    const view = participantView(this.context, p);
    const now =
      view.stage === "done"
        ? "the study is already complete"
        : view.progress && view.stage === body.stage
          ? `${what} ${view.progress.step} is pending`
          : view.stage === "question" || view.stage === "consent"
            ? "the comparisons have not started yet"
            : `this session is now at the ${view.stage === "compare" ? "comparisons" : "final questions"}`;
    return new StudyError(
      "not_pending",
      `This answer is for ${what} ${body.step}, but ${now}: it was already answered or is out of date. Reload to continue.`,
      [{ path: ["step"], message: now }],
    );
  }

  /**
   * The participant's next state after `body` and the answer row to store, or `not_pending` when
   * it doesn't fit. `session` (stage 2) is the participant's restored session; it is advanced here.
   */
  private apply(
    p: ParticipantRecord,
    body: AnswerBody,
    session: UserAlignSession | undefined,
  ): { state: ParticipantState; stage: AnswerRecord["stage"]; step: number; payload: AnswerPayload } {
    if (p.state.stage !== body.stage) throw this.notPending(p, body);
    const { domain, pool } = placeOf(this.study, p);
    if (body.stage === "compare") {
      const pending = pendingComparison(p, domain, session!);
      if (!pending || displayedStep(p, pending) !== body.step) throw this.notPending(p, body);
      if (pending.kind === "attention") {
        const payload: AnswerPayload = {
          stage: "attention",
          check: pending.check,
          chosen: pending.texts[body.choice === "a" ? 0 : 1],
          passed: body.choice === pending.correct,
        };
        return { state: { ...p.state, checks: pending.check + 1 }, stage: "attention", step: pending.check + 1, payload };
      }
      const [a, b] = pending.shown;
      const winner = body.choice === "a" ? a : b;
      const loser = winner === a ? b : a;
      const after = session!.answer({ winner, question: pending.question });
      const payload: AnswerPayload = {
        stage: "compare",
        shown: [pool.candidates[a]!.id, pool.candidates[b]!.id],
        winner: pool.candidates[winner]!.id,
        loser: pool.candidates[loser]!.id,
      };
      const snapshot = session!.toJSON({ features: false });
      const state: ParticipantState =
        after.status === "question"
          ? { ...p.state, session: snapshot }
          : { ...p.state, stage: "evaluate", session: snapshot, matchups: this.planMatchups(p, session!), evaluated: 0 };
      return { state, stage: "compare", step: pending.question, payload };
    }
    const matchups = p.state.matchups ?? [];
    if (body.step !== p.state.evaluated + 1) throw this.notPending(p, body);
    const m = matchups[p.state.evaluated]!;
    const win = (body.choice === "b") === m.baselineFirst;
    const evaluated = p.state.evaluated + 1;
    return {
      state: { ...p.state, evaluated, stage: evaluated === matchups.length ? "done" : "evaluate" },
      stage: "evaluate",
      step: body.step,
      payload: { stage: "evaluate", labels: m.labels, candidate: pool.candidates[m.candidate]!.id, win, baselineFirst: m.baselineFirst },
    };
  }

  /** Stage 3: the selections at the two evaluation steps and the RANDOM candidate, shuffled. */
  private planMatchups(p: ParticipantRecord, session: UserAlignSession): Matchup[] {
    const domain = this.study.domains[p.assignment.domain]!;
    const rng = Rng.fromSeed(p.assignment.seed + 1);
    const labelled: [string, number][] = domain.evaluationSteps.map((k) => [`step ${k}`, session.selectionAfter(k)]);
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
