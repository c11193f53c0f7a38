import type { Study } from "./load-study.js";
import type { AnswerRecord, ParticipantRecord } from "./store/records.js";

/** One answer, flattened with its participant's blinded cell: a row of the export. */
export interface ExportRow {
  answer_id: string;
  participant_id: string;
  created_at: string;
  domain: string;
  question: string;
  method: string;
  condition: string;
  persona: string;
  stage: string;
  step: number;
  option_a: string;
  option_b: string;
  chosen: string;
  /** Stage 3: `step 5;step 10` etc. */
  labels: string;
  /** Stage 3: 1 when the method's candidate beat the baseline, else 0; empty in stage 2. */
  win: string;
  /** Attention checks: 1 when the right option was chosen, else 0; empty otherwise. */
  passed: string;
  /** Browser-measured time from the screen appearing to Confirm; empty when not sent. */
  response_ms: number | "";
}

/** Every answer with its participant's cell, oldest first. */
export function exportRows(study: Study, participants: readonly ParticipantRecord[], answers: readonly AnswerRecord[]): ExportRow[] {
  const byId = new Map(participants.map((p) => [p.id, p]));
  return answers.map((a) => {
    const p = byId.get(a.participantId);
    const domain = p ? study.domains[p.assignment.domain] : undefined;
    const pool = p && domain ? domain.pools[p.assignment.pool] : undefined;
    const persona = p && p.assignment.persona !== null ? (pool?.personas?.[p.assignment.persona]?.name ?? "") : "";
    const common = {
      answer_id: a.id,
      participant_id: a.participantId,
      created_at: a.createdAt,
      domain: domain?.name ?? "",
      question: pool?.question ?? "",
      method: p?.assignment.method ?? "",
      condition: p?.assignment.condition ?? "",
      persona,
      stage: a.stage,
      step: a.step,
      response_ms: a.responseMs ?? ("" as const),
    };
    if (a.payload.stage === "compare") {
      return {
        ...common,
        option_a: a.payload.shown[0],
        option_b: a.payload.shown[1],
        chosen: a.payload.winner,
        labels: "",
        win: "",
        passed: "",
      };
    }
    if (a.payload.stage === "attention") {
      return {
        ...common,
        option_a: `check ${a.payload.check + 1}`,
        option_b: "",
        chosen: a.payload.chosen,
        labels: "",
        win: "",
        passed: a.payload.passed ? "1" : "0",
      };
    }
    const [optionA, optionB] = a.payload.baselineFirst ? ["baseline", a.payload.candidate] : [a.payload.candidate, "baseline"];
    return {
      ...common,
      option_a: optionA,
      option_b: optionB,
      chosen: a.payload.win ? a.payload.candidate : "baseline",
      labels: a.payload.labels.join(";"),
      win: a.payload.win ? "1" : "0",
      passed: "",
    };
  });
}

const COLUMNS: readonly (keyof ExportRow)[] = [
  "answer_id",
  "participant_id",
  "created_at",
  "domain",
  "question",
  "method",
  "condition",
  "persona",
  "stage",
  "step",
  "option_a",
  "option_b",
  "chosen",
  "labels",
  "win",
  "passed",
  "response_ms",
];

/**
 * One CSV field. Text a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab
 * or carriage return: OWASP's list) gets a leading `'`, so `=HYPERLINK(…)` from a study file or
 * a URL parameter stays text; then RFC 4180 quoting.
 */
export function csvField(v: string | number): string {
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a header row, every field through {@link csvField}. */
export function csvTable<R>(columns: readonly (keyof R & string)[], rows: readonly R[]): string {
  return [columns.join(","), ...rows.map((r) => columns.map((c) => csvField(r[c] as string | number)).join(","))].join("\r\n") + "\r\n";
}

/** The answer export as CSV (see {@link csvTable}). */
export function toCsv(rows: readonly ExportRow[]): string {
  return csvTable(COLUMNS, rows);
}
