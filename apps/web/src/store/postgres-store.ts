import pg from "pg";
import type { AnswerRecord, ParticipantRecord, RecordOutcome } from "./records.js";
import { cellKey, type StudyStore } from "./store.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS participants (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  cell TEXT NOT NULL,
  assignment JSONB NOT NULL,
  state JSONB NOT NULL,
  version INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS answers (
  seq BIGSERIAL PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  participant_id TEXT NOT NULL REFERENCES participants(id),
  stage TEXT NOT NULL,
  step INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  payload JSONB NOT NULL,
  UNIQUE (participant_id, stage, step)
);
`;

interface ParticipantRow {
  id: string;
  created_at: string;
  assignment: ParticipantRecord["assignment"];
  state: ParticipantRecord["state"];
  version: number;
}
interface AnswerRow {
  id: string;
  participant_id: string;
  stage: "compare" | "evaluate";
  step: number;
  created_at: string;
  payload: AnswerRecord["payload"];
}

const toParticipant = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id,
  createdAt: r.created_at,
  assignment: r.assignment,
  state: r.state,
  version: r.version,
});
const toAnswer = (r: AnswerRow): AnswerRecord => ({
  id: r.id,
  participantId: r.participant_id,
  stage: r.stage,
  step: r.step,
  createdAt: r.created_at,
  payload: r.payload,
});

// SQLSTATE of a unique-constraint violation.
const UNIQUE_VIOLATION = "23505";

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** Connection string, e.g. `postgres://user:pass@host/db`. */
  url: string;
  /** Pool size. @default 10 */
  max?: number;
  /** Called when an idle pooled connection fails. @default ignore */
  onIdleError?: (error: Error) => void;
}

/**
 * The store for a shared server: PostgreSQL through `pg`. Each answer and its state change
 * commit in one transaction; the version check in the UPDATE makes concurrent writers to one
 * participant serialize (the loser sees `stale` and the service retries).
 */
export function createPostgresStore(options: PostgresStoreOptions): StudyStore {
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the
  // pool replaces it on the next query, and errors of active queries reach their callers.
  pool.on("error", (e) => options.onIdleError?.(e));
  return {
    kind: "postgres",
    migrate: async () => void (await pool.query(SCHEMA)),
    createParticipant: async (p) => {
      await pool.query("INSERT INTO participants (id, created_at, cell, assignment, state, version) VALUES ($1, $2, $3, $4, $5, $6)", [
        p.id,
        p.createdAt,
        cellKey(p.assignment),
        JSON.stringify(p.assignment),
        JSON.stringify(p.state),
        p.version,
      ]);
    },
    getParticipant: async (id) => {
      const r = await pool.query<ParticipantRow>("SELECT * FROM participants WHERE id = $1", [id]);
      return r.rows[0] ? toParticipant(r.rows[0]) : null;
    },
    updateState: async (id, state, expected) => {
      const r = await pool.query("UPDATE participants SET state = $1, version = version + 1 WHERE id = $2 AND version = $3", [JSON.stringify(state), id, expected]);
      return r.rowCount === 1;
    },
    recordAnswer: async (a, state, expected): Promise<RecordOutcome> => {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        if ((await client.query("SELECT 1 FROM answers WHERE id = $1", [a.id])).rowCount) {
          await client.query("ROLLBACK");
          return "duplicate-id";
        }
        if ((await client.query("SELECT 1 FROM answers WHERE participant_id = $1 AND stage = $2 AND step = $3", [a.participantId, a.stage, a.step])).rowCount) {
          await client.query("ROLLBACK");
          return "step-taken";
        }
        const updated = await client.query("UPDATE participants SET state = $1, version = version + 1 WHERE id = $2 AND version = $3", [
          JSON.stringify(state),
          a.participantId,
          expected,
        ]);
        if (updated.rowCount !== 1) {
          await client.query("ROLLBACK");
          return "stale";
        }
        try {
          await client.query("INSERT INTO answers (id, participant_id, stage, step, created_at, payload) VALUES ($1, $2, $3, $4, $5, $6)", [
            a.id,
            a.participantId,
            a.stage,
            a.step,
            a.createdAt,
            JSON.stringify(a.payload),
          ]);
        } catch (e) {
          await client.query("ROLLBACK");
          // Another server process stored an answer in between: the caller re-reads and retries.
          if ((e as { code?: string }).code === UNIQUE_VIOLATION) return "stale";
          throw e;
        }
        await client.query("COMMIT");
        return "stored";
      } catch (e) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    getAnswer: async (id) => {
      const r = await pool.query<AnswerRow>("SELECT * FROM answers WHERE id = $1", [id]);
      return r.rows[0] ? toAnswer(r.rows[0]) : null;
    },
    countCells: async () => {
      const r = await pool.query<{ cell: string; n: string }>("SELECT cell, COUNT(*) AS n FROM participants GROUP BY cell");
      return new Map(r.rows.map((row) => [row.cell, Number(row.n)]));
    },
    listParticipants: async () => (await pool.query<ParticipantRow>("SELECT * FROM participants ORDER BY created_at, id")).rows.map(toParticipant),
    listAnswers: async () => (await pool.query<AnswerRow>("SELECT * FROM answers ORDER BY seq")).rows.map(toAnswer),
    close: () => pool.end(),
  };
}
