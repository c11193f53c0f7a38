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
    };
    if (a.payload.stage === "compare") {
      return { ...common, option_a: a.payload.shown[0], option_b: a.payload.shown[1], chosen: a.payload.winner, labels: "", win: "" };
    }
    const [optionA, optionB] = a.payload.baselineFirst ? ["baseline", a.payload.candidate] : [a.payload.candidate, "baseline"];
    return {
      ...common,
      option_a: optionA,
      option_b: optionB,
      chosen: a.payload.win ? a.payload.candidate : "baseline",
      labels: a.payload.labels.join(";"),
      win: a.payload.win ? "1" : "0",
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
];

/** RFC 4180 CSV with a header row; fields with commas, quotes or newlines are quoted. */
export function toCsv(rows: readonly ExportRow[]): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [COLUMNS.join(","), ...rows.map((r) => COLUMNS.map((c) => cell(r[c])).join(","))].join("\r\n") + "\r\n";
}
