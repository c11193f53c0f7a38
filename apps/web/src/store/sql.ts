import type { AnswerRecord, CellCount, ParticipantRecord, ParticipantState } from "./records.js";
import { cellKey } from "./store.js";

// The schema both stores share, written once; `JSON_TYPE` is TEXT in SQLite and JSONB in PostgreSQL.

/** Tables of a study database; `{JSON}` and `{SERIAL}` are filled in per database. */
export const SCHEMA_TEMPLATE = `
CREATE TABLE IF NOT EXISTS participants (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  cell TEXT NOT NULL,
  assignment {JSON} NOT NULL,
  state {JSON} NOT NULL,
  version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
  seq {SERIAL} PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  participant_id TEXT NOT NULL REFERENCES participants(id),
  stage TEXT NOT NULL,
  step INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  payload {JSON} NOT NULL,
  UNIQUE (participant_id, stage, step)
);
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS study_versions (hash TEXT PRIMARY KEY, content TEXT NOT NULL);
`;

/** Columns added after the first release: `[table, column, type]`, added to older databases on migrate. */
export const ADDED_COLUMNS: readonly (readonly [string, string, string])[] = [
  ["participants", "study_version", "TEXT"],
  ["participants", "external_id", "TEXT"],
  ["participants", "params", "TEXT"],
  ["participants", "updated_at", "TEXT"],
  ["participants", "finished_at", "TEXT"],
  ["answers", "response_ms", "INTEGER"],
];

/** Indexes created after the columns exist. */
export const INDEXES = `
CREATE UNIQUE INDEX IF NOT EXISTS participants_external_id ON participants (external_id);
CREATE INDEX IF NOT EXISTS participants_activity ON participants (finished_at, updated_at);
`;

/** The row of a participant in both stores (JSON columns parsed by the caller's driver or by hand). */
export interface ParticipantColumns<J> {
  id: string;
  created_at: string;
  assignment: J;
  state: J;
  version: number;
  study_version: string | null;
  external_id: string | null;
  params: string | null;
  updated_at: string | null;
  finished_at: string | null;
}

/** The row of an answer in both stores. */
export interface AnswerColumns<J> {
  id: string;
  participant_id: string;
  stage: "compare" | "evaluate" | "attention";
  step: number;
  created_at: string;
  payload: J;
  response_ms: number | null;
}

/** A participant row as a record; `json` parses a JSON column (JSON.parse for TEXT, identity for JSONB). */
export function toParticipant<J>(r: ParticipantColumns<J>, json: (v: J) => any): ParticipantRecord {
  return {
    id: r.id,
    createdAt: r.created_at,
    assignment: json(r.assignment),
    state: json(r.state),
    version: r.version,
    studyVersion: r.study_version,
    externalId: r.external_id,
    params: r.params ? JSON.parse(r.params) : {},
    updatedAt: r.updated_at ?? r.created_at,
    finishedAt: r.finished_at,
  };
}

/** An answer row as a record (see {@link toParticipant}). */
export function toAnswer<J>(r: AnswerColumns<J>, json: (v: J) => any): AnswerRecord {
  return {
    id: r.id,
    participantId: r.participant_id,
    stage: r.stage,
    step: r.step,
    createdAt: r.created_at,
    payload: json(r.payload),
    responseMs: r.response_ms === null || r.response_ms === undefined ? null : Number(r.response_ms),
  };
}

/** The columns of a new participant row, in INSERT order (see {@link PARTICIPANT_COLUMNS}). */
export function participantValues(p: ParticipantRecord): unknown[] {
  return [
    p.id,
    p.createdAt,
    cellKey(p.assignment),
    JSON.stringify(p.assignment),
    JSON.stringify(p.state),
    p.version,
    p.studyVersion,
    p.externalId,
    JSON.stringify(p.params),
    p.updatedAt,
    p.finishedAt,
  ];
}

/** Column list of {@link participantValues}. */
export const PARTICIPANT_COLUMNS =
  "id, created_at, cell, assignment, state, version, study_version, external_id, params, updated_at, finished_at";

/** When a state change finishes the participant, the finish time; else null (kept as it was). */
export const finishedAt = (state: ParticipantState, at: string): string | null => (state.stage === "done" ? at : null);

/** Builds {@link CellCount}s from grouped rows. */
export function cellCounts(rows: readonly { cell: string; persona: unknown; n: unknown }[]): CellCount[] {
  return rows.map((r) => ({
    cell: r.cell,
    persona: r.persona === null || r.persona === undefined ? null : Number(r.persona),
    n: Number(r.n),
  }));
}
