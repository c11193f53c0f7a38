import { codeMatches, participantCode } from "./completion.js";
import { csvTable } from "./export.js";
import type { Study } from "./load-study.js";
import type { AnswerRecord, ParticipantRecord } from "./store/records.js";

/** Attention-check results per participant: checks answered and passed. */
export function attentionResults(answers: readonly AnswerRecord[]): Map<string, { passed: number; total: number }> {
  const results = new Map<string, { passed: number; total: number }>();
  for (const a of answers) {
    if (a.payload.stage !== "attention") continue;
    const r = results.get(a.participantId) ?? { passed: 0, total: 0 };
    results.set(a.participantId, { passed: r.passed + (a.payload.passed ? 1 : 0), total: r.total + 1 });
  }
  return results;
}

/** Participants the study leaves out of its win-rates: those who failed a check, when it says so. */
export function excludedParticipants(study: Study, answers: readonly AnswerRecord[]): Set<string> {
  if (!study.excludeFailedAttention) return new Set();
  return new Set([...attentionResults(answers)].filter(([, r]) => r.passed < r.total).map(([id]) => id));
}

/** A participant's status: their stage, or `abandoned` when idle past the study's timeout. */
export function participantStatus(study: Study, p: ParticipantRecord, now: Date): string {
  if (p.state.stage === "done") return "done";
  const idle = now.getTime() - Date.parse(p.updatedAt);
  return idle > study.abandonAfterMinutes * 60_000 ? "abandoned" : p.state.stage;
}

/** One row of the participant export. URL parameters get a column each (`param_PROLIFIC_PID`, …). */
export type ParticipantRow = Record<string, string | number>;

/** Every participant with cell, persona, parameters, consent, status, timings and attention results. */
export function participantRows(
  study: Study,
  secret: string,
  participants: readonly ParticipantRecord[],
  answers: readonly AnswerRecord[],
  now: Date,
): ParticipantRow[] {
  const attention = attentionResults(answers);
  const excluded = excludedParticipants(study, answers);
  const timing = new Map<string, { answers: number; responseMs: number }>();
  for (const a of answers) {
    const t = timing.get(a.participantId) ?? { answers: 0, responseMs: 0 };
    timing.set(a.participantId, { answers: t.answers + 1, responseMs: t.responseMs + (a.responseMs ?? 0) });
  }
  return participants.map((p) => {
    const domain = study.domains[p.assignment.domain];
    const pool = domain?.pools[p.assignment.pool];
    const a = attention.get(p.id) ?? { passed: 0, total: 0 };
    const t = timing.get(p.id) ?? { answers: 0, responseMs: 0 };
    const row: ParticipantRow = {
      participant_id: p.id,
      study_version: p.studyVersion ?? "",
      status: participantStatus(study, p, now),
      created_at: p.createdAt,
      consented_at: p.state.consentedAt ?? "",
      finished_at: p.finishedAt ?? "",
      last_active_at: p.updatedAt,
      duration_s: p.finishedAt ? Math.round((Date.parse(p.finishedAt) - Date.parse(p.createdAt)) / 1000) : "",
      domain: domain?.name ?? "",
      question: pool?.question ?? "",
      method: p.assignment.method,
      condition: p.assignment.condition,
      persona: p.assignment.persona === null ? "" : (pool?.personas?.[p.assignment.persona]?.name ?? ""),
      answers: t.answers,
      response_ms_total: t.responseMs,
      attention_passed: a.passed,
      attention_total: a.total,
      excluded: excluded.has(p.id) ? 1 : 0,
      completion_code: p.state.stage === "done" ? participantCode(secret, p.id) : "",
    };
    for (const name of study.urlParameters) row[`param_${name}`] = p.params[name] ?? "";
    return row;
  });
}

/** The participant export as CSV. */
export function participantsCsv(study: Study, rows: readonly ParticipantRow[]): string {
  const columns = rows[0] ? Object.keys(rows[0]) : ["participant_id", ...study.urlParameters.map((n) => `param_${n}`)];
  return csvTable(columns, rows);
}

/** The finished participant whose own code `code` is, if any. */
export function findByCode(secret: string, participants: readonly ParticipantRecord[], code: string): ParticipantRecord | null {
  return participants.find((p) => p.state.stage === "done" && codeMatches(secret, p.id, code)) ?? null;
}
