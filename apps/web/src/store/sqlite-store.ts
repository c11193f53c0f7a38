import Database from "better-sqlite3";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { AnswerRecord, ParticipantState, RecordOutcome } from "./records.js";
import {
  ADDED_COLUMNS,
  cellCounts,
  finishedAt,
  INDEXES,
  PARTICIPANT_COLUMNS,
  participantValues,
  SCHEMA_TEMPLATE,
  toAnswer,
  toParticipant,
  type AnswerColumns,
  type ParticipantColumns,
} from "./sql.js";
import type { StudyStore } from "./store.js";

const SCHEMA = SCHEMA_TEMPLATE.replaceAll("{JSON}", "TEXT").replaceAll("{SERIAL}", "INTEGER");
const parse = (v: string) => JSON.parse(v);

/** Options of {@link createSqliteStore}. */
export interface SqliteStoreOptions {
  /** Database file; `:memory:` for a throwaway store. @default "useralign-study.sqlite" */
  path?: string;
  /**
   * SQLite's `synchronous` setting. `normal` (WAL): a commit survives a crash or `kill -9` of the
   * server, but the last commits before a power cut or OS crash may be lost; it does not fsync on
   * every commit, which would block the whole (single-threaded) server for each answer. `full`
   * fsyncs every commit. @default "normal"
   */
  synchronous?: "normal" | "full";
  /**
   * How often (ms) a worker thread checkpoints the WAL of a file database, off the event loop; 0
   * leaves checkpoints to SQLite, inside commits. @default 250
   */
  checkpointEveryMs?: number;
}

// Checkpoints copy the WAL into the database file and fsync it. SQLite runs them inside whichever
// commit crosses `wal_autocheckpoint`, and better-sqlite3 commits on the event loop: on a busy disk
// that fsync stalled every request for seconds (event-loop delay up to 6 s measured under load).
// A worker thread with its own connection checkpoints instead; PASSIVE waits for no reader or
// writer, and a commit's durability does not depend on checkpoints.
const CHECKPOINTER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 5000");
const timer = setInterval(() => db.pragma("wal_checkpoint(PASSIVE)"), workerData.everyMs);
parentPort.on("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/** Starts the checkpointing worker for a file database; on its failure SQLite's own checkpoints resume. */
function startCheckpointer(db: Database.Database, path: string, everyMs: number): () => Promise<void> {
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: { driver: createRequire(import.meta.url).resolve("better-sqlite3"), path, everyMs },
  });
  worker.unref();
  let closing = false;
  const resume = () => {
    if (!closing && db.open) db.pragma("wal_autocheckpoint = 1000");
  };
  worker.on("error", resume);
  worker.on("exit", resume);
  db.pragma("wal_autocheckpoint = 0");
  return async () => {
    closing = true;
    const exited = new Promise((ok) => worker.once("exit", ok));
    // The worker is unref'd so that it never keeps a process alive; while close() waits for it, it
    // must (a script that closes its store last would otherwise end with exit code 13, its await unsettled).
    worker.ref();
    worker.postMessage("close");
    await exited;
  };
}

function migrate(db: Database.Database): void {
  db.exec(SCHEMA);
  for (const [table, column, type] of ADDED_COLUMNS) {
    const columns = db.prepare<[], { name: string }>(`PRAGMA table_info(${table})`).all();
    if (!columns.some((c) => c.name === column)) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
  }
  db.exec(INDEXES);
}

/**
 * The default store: one SQLite file, no setup. WAL mode so the admin page can read while
 * participants write; every answer and its state change commit in one transaction.
 */
export function createSqliteStore(options: SqliteStoreOptions = {}): StudyStore {
  const db = new Database(options.path ?? "useralign-study.sqlite");
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  db.pragma(`synchronous = ${options.synchronous === "full" ? "FULL" : "NORMAL"}`);
  db.pragma("foreign_keys = ON");
  migrate(db);
  const path = options.path ?? "useralign-study.sqlite";
  const everyMs = options.checkpointEveryMs ?? 250;
  const stopCheckpointer = path !== ":memory:" && path !== "" && everyMs > 0 ? startCheckpointer(db, path, everyMs) : async () => undefined;
  const q = {
    insertParticipant: db.prepare(`INSERT INTO participants (${PARTICIPANT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    getParticipant: db.prepare<[string], ParticipantColumns<string>>("SELECT * FROM participants WHERE id = ?"),
    byExternalId: db.prepare<[string], ParticipantColumns<string>>("SELECT * FROM participants WHERE external_id = ?"),
    updateState: db.prepare(
      "UPDATE participants SET state = ?, version = version + 1, updated_at = ?, finished_at = COALESCE(finished_at, ?) WHERE id = ? AND version = ?",
    ),
    answerById: db.prepare<[string], AnswerColumns<string>>("SELECT * FROM answers WHERE id = ?"),
    answerByStep: db.prepare<[string, string, number], { id: string }>(
      "SELECT id FROM answers WHERE participant_id = ? AND stage = ? AND step = ?",
    ),
    insertAnswer: db.prepare(
      "INSERT INTO answers (id, participant_id, stage, step, created_at, payload, response_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
    ),
    countCells: db.prepare<[], { cell: string; n: number }>("SELECT cell, COUNT(*) AS n FROM participants GROUP BY cell"),
    activeCounts: db.prepare<[string], { cell: string; persona: number | null; n: number }>(
      "SELECT cell, json_extract(assignment, '$.persona') AS persona, COUNT(*) AS n FROM participants WHERE finished_at IS NOT NULL OR COALESCE(updated_at, created_at) >= ? GROUP BY 1, 2",
    ),
    total: db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM participants"),
    participants: db.prepare<[], ParticipantColumns<string>>("SELECT * FROM participants ORDER BY created_at, id"),
    answers: db.prepare<[], AnswerColumns<string>>("SELECT * FROM answers ORDER BY seq"),
    setSecret: db.prepare("INSERT OR IGNORE INTO settings (key, value) VALUES ('secret', ?)"),
    getSecret: db.prepare<[], { value: string }>("SELECT value FROM settings WHERE key = 'secret'"),
    saveVersion: db.prepare("INSERT OR IGNORE INTO study_versions (hash, content) VALUES (?, ?)"),
    versions: db.prepare<[], { hash: string; participants: number; content: string | null }>(
      "SELECT p.study_version AS hash, COUNT(*) AS participants, v.content AS content FROM participants p LEFT JOIN study_versions v ON v.hash = p.study_version WHERE p.study_version IS NOT NULL GROUP BY p.study_version, v.content",
    ),
  };
  const update = (id: string, state: ParticipantState, expected: number, at: string) =>
    q.updateState.run(JSON.stringify(state), at, finishedAt(state, at), id, expected).changes === 1;
  const record = db.transaction((a: AnswerRecord, state: ParticipantState, expected: number): RecordOutcome => {
    if (q.answerById.get(a.id)) return "duplicate-id";
    if (q.answerByStep.get(a.participantId, a.stage, a.step)) return "step-taken";
    if (!update(a.participantId, state, expected, a.createdAt)) return "stale";
    q.insertAnswer.run(a.id, a.participantId, a.stage, a.step, a.createdAt, JSON.stringify(a.payload), a.responseMs);
    return "stored";
  });
  // better-sqlite3 runs the whole decision synchronously inside one IMMEDIATE transaction: no other
  // writer (thread or process) can assign in between.
  const assign = db.transaction(
    (externalId: string | null, activeSince: string, decide: Parameters<StudyStore["assignParticipant"]>[1]) => {
      const existing = externalId === null ? undefined : q.byExternalId.get(externalId);
      if (existing) return { record: toParticipant(existing, parse), created: false };
      const record = decide({ counts: cellCounts(q.activeCounts.all(activeSince)), total: q.total.get()!.n });
      q.insertParticipant.run(...participantValues(record));
      return { record, created: true };
    },
  );
  return {
    kind: "sqlite",
    migrate: async () => migrate(db),
    ping: async () => void db.prepare("SELECT 1").get(),
    secret: async (candidate) => {
      q.setSecret.run(candidate);
      return q.getSecret.get()!.value;
    },
    saveStudyVersion: async (hash, content) => void q.saveVersion.run(hash, content),
    studyVersionsInUse: async () =>
      q.versions.all().map((v) => ({ hash: v.hash, participants: Number(v.participants), content: v.content })),
    createParticipant: async (p) => void q.insertParticipant.run(...participantValues(p)),
    assignParticipant: async (request, decide) => assign.immediate(request.externalId, request.activeSince, decide),
    getParticipant: async (id) => {
      const row = q.getParticipant.get(id);
      return row ? toParticipant(row, parse) : null;
    },
    updateState: async (id, state, expected, at) => update(id, state, expected, at),
    recordAnswer: async (a, state, expected) => record.immediate(a, state, expected),
    getAnswer: async (id) => {
      const row = q.answerById.get(id);
      return row ? toAnswer(row, parse) : null;
    },
    countCells: async () => new Map(q.countCells.all().map((r) => [r.cell, r.n])),
    listParticipants: async () => q.participants.all().map((r) => toParticipant(r, parse)),
    listAnswers: async () => q.answers.all().map((r) => toAnswer(r, parse)),
    close: async () => {
      await stopCheckpointer();
      db.close();
    },
  };
}
