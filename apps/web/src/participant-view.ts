import { restoreSession, type UserAlignSession } from "@useralign/core";
import { flipped } from "./assignment.js";
import { fillRedirect, participantCode } from "./completion.js";
import type { Study, StudyCandidate, StudyDomain, StudyPool } from "./load-study.js";
import type { ParticipantRecord } from "./store/records.js";

/** One option as the browser shows it; `key` is what the browser answers with. */
export interface OptionView {
  readonly key: "a" | "b";
  readonly text: string;
  readonly image?: string;
}

/** Everything the participant page needs to draw the current screen (and nothing that unblinds). */
export interface ParticipantView {
  readonly participantId: string;
  readonly stage: "consent" | "question" | "compare" | "evaluate" | "done";
  readonly kind: "text" | "image";
  readonly question: string;
  readonly persona: { readonly name: string; readonly description: string } | null;
  /** Stage 2 and 3: "step k of K" (stage 2 counts attention checks as steps: they look the same). */
  readonly progress: { readonly step: number; readonly of: number } | null;
  readonly options: readonly [OptionView, OptionView] | null;
  /** Stage 2 budget, shown in stage 1. */
  readonly budget: number;
  /** The consent text, on the consent screen. */
  readonly consent: string | null;
  /** Shown when done. */
  readonly outro: string | null;
  /** When done: the code to paste into the platform (the study's fixed code, else the participant's own). */
  readonly completionCode: string | null;
  /** When done: the participant's own unforgeable code (verifiable in the admin page). */
  readonly participantCode: string | null;
  /** When done and the study has a redirect: where the browser goes. */
  readonly redirectUrl: string | null;
}

/** What building a screen needs besides the record. */
export interface ViewContext {
  readonly study: Study;
  /** The server secret behind participant codes. */
  readonly secret: string;
}

const option = (key: "a" | "b", c: StudyCandidate | string): OptionView =>
  typeof c === "string" ? { key, text: c } : { key, text: c.text, ...(c.image ? { image: c.image } : {}) };

/** The pending stage-2 screen: a comparison of two candidates, or an attention check. */
export type PendingComparison =
  | { readonly kind: "compare"; readonly question: number; readonly shown: readonly [number, number] }
  | {
      readonly kind: "attention";
      readonly question: number;
      readonly check: number;
      readonly texts: readonly [string, string];
      readonly correct: "a" | "b";
    };

/**
 * What stage 2 asks next, from the participant's restored session: an attention check when one is
 * due (its `afterStep` comparisons are answered), else the session's next pair, sides shuffled
 * stably. Null when the session has no question left.
 */
export function pendingComparison(p: ParticipantRecord, domain: StudyDomain, session: UserAlignSession): PendingComparison | null {
  const next = session.next();
  if (next.status !== "question") return null;
  const done = p.state.checks ?? 0;
  const check = domain.attentionChecks[done];
  if (check && check.afterStep <= next.question - 1) {
    const flip = flipped(p.assignment.seed, 10_000 + done);
    const texts: [string, string] = flip ? [check.options[1], check.options[0]] : [check.options[0], check.options[1]];
    return { kind: "attention", question: next.question, check: done, texts, correct: (check.correct === 1) !== flip ? "b" : "a" };
  }
  const [first, second] = next.pair;
  return { kind: "compare", question: next.question, shown: flipped(p.assignment.seed, next.question) ? [second, first] : [first, second] };
}

/** The step number the participant sees for a stage-2 screen (checks count as steps). */
export const displayedStep = (p: ParticipantRecord, pending: PendingComparison) => pending.question + (p.state.checks ?? 0);

/** The participant's pool and domain. */
export function placeOf(study: Study, p: ParticipantRecord): { domain: StudyDomain; pool: StudyPool } {
  const domain = study.domains[p.assignment.domain]!;
  return { domain, pool: domain.pools[p.assignment.pool]! };
}

/** Restores a participant's core session (once per request: pass it on rather than restoring again). */
export function restoreParticipantSession(study: Study, p: ParticipantRecord): UserAlignSession {
  return restoreSession(p.state.session, { features: placeOf(study, p).pool.features });
}

/** Builds the participant's current screen from the stored record (and its restored session, if at hand). */
export function participantView(context: ViewContext, p: ParticipantRecord, session?: UserAlignSession): ParticipantView {
  const { study } = context;
  const { domain, pool } = placeOf(study, p);
  const personaFile = p.assignment.persona === null ? undefined : pool.personas?.[p.assignment.persona];
  const base = {
    participantId: p.id,
    stage: p.state.stage,
    kind: domain.kind,
    question: pool.question,
    persona: personaFile ? { name: personaFile.name, description: personaFile.description ?? "" } : null,
    budget: domain.budget,
    progress: null,
    options: null,
    consent: null,
    outro: null,
    completionCode: null,
    participantCode: null,
    redirectUrl: null,
  };
  switch (p.state.stage) {
    case "consent":
      return { ...base, consent: study.consent };
    case "question":
      return base;
    case "compare": {
      const pending = pendingComparison(p, domain, session ?? restoreParticipantSession(study, p));
      if (!pending) return base;
      const progress = { step: displayedStep(p, pending), of: domain.budget + domain.attentionChecks.length };
      if (pending.kind === "attention")
        return { ...base, progress, options: [option("a", pending.texts[0]), option("b", pending.texts[1])] };
      const [a, b] = pending.shown;
      return { ...base, progress, options: [option("a", pool.candidates[a]!), option("b", pool.candidates[b]!)] };
    }
    case "evaluate": {
      const matchups = p.state.matchups ?? [];
      const m = matchups[p.state.evaluated]!;
      const candidate = pool.candidates[m.candidate]!;
      const [a, b] = m.baselineFirst ? [pool.baseline, candidate] : [candidate, pool.baseline];
      return { ...base, progress: { step: p.state.evaluated + 1, of: matchups.length }, options: [option("a", a), option("b", b)] };
    }
    case "done": {
      const own = participantCode(context.secret, p.id);
      const fixed = study.completion.code;
      const template = study.completion.redirectUrl;
      return {
        ...base,
        outro: study.outro ?? null,
        completionCode: fixed ?? own,
        participantCode: own,
        redirectUrl: template ? fillRedirect(template, { ...p.params, code: fixed ?? own, participantCode: own }) : null,
      };
    }
  }
}
