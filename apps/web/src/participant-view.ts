import { restoreSession } from "@useralign/core";
import { flipped } from "./assignment.js";
import type { Study, StudyCandidate, StudyPool } from "./load-study.js";
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
  readonly stage: "question" | "compare" | "evaluate" | "done";
  readonly kind: "text" | "image";
  readonly question: string;
  readonly persona: { readonly name: string; readonly description: string } | null;
  /** Stage 2 and 3: "step k of K". */
  readonly progress: { readonly step: number; readonly of: number } | null;
  readonly options: readonly [OptionView, OptionView] | null;
  /** Stage 2 budget, shown in stage 1. */
  readonly budget: number;
  /** Shown when done. */
  readonly outro: string | null;
  /** Completion code to paste back into a crowdsourcing platform. */
  readonly completionCode: string | null;
}

const option = (key: "a" | "b", c: StudyCandidate): OptionView => ({ key, text: c.text, ...(c.image ? { image: c.image } : {}) });

/** The two candidates of a pending comparison, in the order shown (a, b). */
export function comparisonSides(p: ParticipantRecord, pool: StudyPool): { step: number; shown: [number, number] } | null {
  const session = restoreSession(p.state.session, { features: pool.features });
  const next = session.next();
  if (next.status !== "question") return null;
  const [first, second] = next.pair;
  return { step: next.question, shown: flipped(p.assignment.seed, next.question) ? [second, first] : [first, second] };
}

/** Builds the participant's current screen from the stored record. */
export function participantView(study: Study, p: ParticipantRecord): ParticipantView {
  const domain = study.domains[p.assignment.domain]!;
  const pool = domain.pools[p.assignment.pool]!;
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
    outro: null,
    completionCode: null,
  };
  switch (p.state.stage) {
    case "question":
      return base;
    case "compare": {
      const sides = comparisonSides(p, pool);
      if (!sides) return base;
      const [a, b] = sides.shown;
      return { ...base, progress: { step: sides.step, of: domain.budget }, options: [option("a", pool.candidates[a]!), option("b", pool.candidates[b]!)] };
    }
    case "evaluate": {
      const matchups = p.state.matchups ?? [];
      const m = matchups[p.state.evaluated]!;
      const candidate = pool.candidates[m.candidate]!;
      const [a, b] = m.baselineFirst ? [pool.baseline, candidate] : [candidate, pool.baseline];
      return { ...base, progress: { step: p.state.evaluated + 1, of: matchups.length }, options: [option("a", a), option("b", b)] };
    }
    case "done":
      return { ...base, outro: study.outro ?? null, completionCode: completionCode(p.id) };
  }
}

/** A short code derived from the participant id (not guessable without the id). */
export function completionCode(id: string): string {
  return id.replace(/-/g, "").slice(0, 10).toUpperCase();
}
