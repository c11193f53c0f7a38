import Database from "better-sqlite3";
import type { AnswerRecord, ParticipantRecord, ParticipantState, RecordOutcome } from "./records.js";
import { cellKey, type StudyStore } from "./store.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS participants (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  cell TEXT NOT NULL,
  assignment TEXT NOT NULL,
  state TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  participant_id TEXT NOT NULL REFERENCES participants(id),
  stage TEXT NOT NULL,
  step INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  payload TEXT NOT NULL,
  UNIQUE (participant_id, stage, step)
);
`;

interface ParticipantRow {
  id: string;
  created_at: string;
  assignment: string;
  state: string;
  version: number;
}
interface AnswerRow {
  id: string;
  participant_id: string;
  stage: "compare" | "evaluate";
  step: number;
  created_at: string;
  payload: string;
}

const toParticipant = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id,
  createdAt: r.created_at,
  assignment: JSON.parse(r.assignment),
  state: JSON.parse(r.state),
  version: r.version,
});
const toAnswer = (r: AnswerRow): AnswerRecord => ({
  id: r.id,
  participantId: r.participant_id,
  stage: r.stage,
  step: r.step,
  createdAt: r.created_at,
  payload: JSON.parse(r.payload),
});

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file; `:memory:` for a throwaway store. @default "useralign-study.sqlite" */
  path?: string;
}

/**
 * The default store: one SQLite file, no setup. WAL mode so the admin page can read while
 * participants write; every answer and its state change commit in one transaction.
 */
export function createSqliteStore(options: SqliteStoreOptions = {}): StudyStore {
  const db = new Database(options.path ?? "useralign-study.sqlite");
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  db.exec(SCHEMA);
  const q = {
    insertParticipant: db.prepare("INSERT INTO participants (id, created_at, cell, assignment, state, version) VALUES (?, ?, ?, ?, ?, ?)"),
    getParticipant: db.prepare<[string], ParticipantRow>("SELECT * FROM participants WHERE id = ?"),
    updateState: db.prepare("UPDATE participants SET state = ?, version = version + 1 WHERE id = ? AND version = ?"),
    answerById: db.prepare<[string], AnswerRow>("SELECT * FROM answers WHERE id = ?"),
    answerByStep: db.prepare<[string, string, number], { id: string }>("SELECT id FROM answers WHERE participant_id = ? AND stage = ? AND step = ?"),
    insertAnswer: db.prepare("INSERT INTO answers (id, participant_id, stage, step, created_at, payload) VALUES (?, ?, ?, ?, ?, ?)"),
    countCells: db.prepare<[], { cell: string; n: number }>("SELECT cell, COUNT(*) AS n FROM participants GROUP BY cell"),
    participants: db.prepare<[], ParticipantRow>("SELECT * FROM participants ORDER BY created_at, id"),
    answers: db.prepare<[], AnswerRow>("SELECT * FROM answers ORDER BY seq"),
  };
  const record = db.transaction((a: AnswerRecord, state: ParticipantState, expected: number): RecordOutcome => {
    if (q.answerById.get(a.id)) return "duplicate-id";
    if (q.answerByStep.get(a.participantId, a.stage, a.step)) return "step-taken";
    if (q.updateState.run(JSON.stringify(state), a.participantId, expected).changes === 0) return "stale";
    q.insertAnswer.run(a.id, a.participantId, a.stage, a.step, a.createdAt, JSON.stringify(a.payload));
    return "stored";
  });
  return {
    kind: "sqlite",
    migrate: async () => void db.exec(SCHEMA),
    createParticipant: async (p) => {
      q.insertParticipant.run(p.id, p.createdAt, cellKey(p.assignment), JSON.stringify(p.assignment), JSON.stringify(p.state), p.version);
    },
    getParticipant: async (id) => {
      const row = q.getParticipant.get(id);
      return row ? toParticipant(row) : null;
    },
    updateState: async (id, state, expected) => q.updateState.run(JSON.stringify(state), id, expected).changes === 1,
    recordAnswer: async (a, state, expected) => record.immediate(a, state, expected),
    getAnswer: async (id) => {
      const row = q.answerById.get(id);
      return row ? toAnswer(row) : null;
    },
    countCells: async () => new Map(q.countCells.all().map((r) => [r.cell, r.n])),
    listParticipants: async () => q.participants.all().map(toParticipant),
    listAnswers: async () => q.answers.all().map(toAnswer),
    close: async () => void db.close(),
  };
}
