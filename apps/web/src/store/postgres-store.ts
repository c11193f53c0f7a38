import pg from "pg";
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

const SCHEMA =
  SCHEMA_TEMPLATE.replaceAll("{JSON}", "JSONB").replaceAll("{SERIAL}", "BIGSERIAL") +
  ADDED_COLUMNS.map(([table, column, type]) => `ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS ${column} ${type};`).join("\n") +
  INDEXES;
const same = <T>(v: T) => v;

// SQLSTATE of a unique-constraint violation.
const UNIQUE_VIOLATION = "23505";
// Key of the advisory lock that serializes assignments across every server process of the database.
const ASSIGN_LOCK = 0x5573_6572;

/** Ends a transaction early with an outcome (not an error: the connection is fine). */
class Rollback {
  constructor(readonly outcome: RecordOutcome) {}
}

/** Options of {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** Connection string, e.g. `postgres://user:pass@host/db`. */
  url: string;
  /** Pool size. @default 10 */
  max?: number;
  /** Called when a pooled connection fails outside a query (idle, or dropped mid-transaction). @default ignore */
  onIdleError?: (error: Error) => void;
}

/**
 * The store for a shared server: PostgreSQL through `pg`. Each answer and its state change
 * commit in one transaction; the version check in the UPDATE makes concurrent writers to one
 * participant serialize (the loser sees `stale` and the service retries). Assignments take a
 * transaction-scoped advisory lock, so balance holds across every process on the database.
 */
export function createPostgresStore(options: PostgresStoreOptions): StudyStore {
  const pool = new pg.Pool({ connectionString: options.url, max: options.max ?? 10 });
  const onError = (e: Error) => options.onIdleError?.(e);
  // An idle connection dropped by the server (restart, failover) must not crash the process: the
  // pool replaces it on the next query, and errors of active queries reach their callers.
  pool.on("error", onError);
  // A checked-out client has no pool listener: without its own, a backend terminated mid-transaction
  // (57P01) is an unhandled 'error' event that kills the process. The failing query still rejects.
  pool.on("connect", (client) => client.on("error", onError));

  /** Runs `body` in a transaction on one client; a connection dropped mid-way rejects, never crashes. */
  async function transaction<T>(body: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: unknown = undefined;
    try {
      await client.query("BEGIN");
      const result = await body(client);
      await client.query("COMMIT");
      return result;
    } catch (e) {
      broken = e;
      await client.query("ROLLBACK").catch(() => undefined);
      throw e;
    } finally {
      // After any real error the client is discarded rather than pooled: its connection may be dead.
      client.release(broken === undefined || broken instanceof Rollback ? undefined : true);
    }
  }

  const update = async (db: pg.Pool | pg.PoolClient, id: string, state: ParticipantState, expected: number, at: string) =>
    (
      await db.query(
        "UPDATE participants SET state = $1, version = version + 1, updated_at = $2, finished_at = COALESCE(finished_at, $3) WHERE id = $4 AND version = $5",
        [JSON.stringify(state), at, finishedAt(state, at), id, expected],
      )
    ).rowCount === 1;

  return {
    kind: "postgres",
    migrate: async () => void (await pool.query(SCHEMA)),
    ping: async () => void (await pool.query("SELECT 1")),
    secret: async (candidate) => {
      await pool.query("INSERT INTO settings (key, value) VALUES ('secret', $1) ON CONFLICT (key) DO NOTHING", [candidate]);
      return (await pool.query<{ value: string }>("SELECT value FROM settings WHERE key = 'secret'")).rows[0]!.value;
    },
    saveStudyVersion: async (hash, content) =>
      void (await pool.query("INSERT INTO study_versions (hash, content) VALUES ($1, $2) ON CONFLICT (hash) DO NOTHING", [hash, content])),
    studyVersionsInUse: async () =>
      (
        await pool.query<{ hash: string; participants: string; content: string | null }>(
          "SELECT p.study_version AS hash, COUNT(*) AS participants, v.content AS content FROM participants p LEFT JOIN study_versions v ON v.hash = p.study_version WHERE p.study_version IS NOT NULL GROUP BY p.study_version, v.content",
        )
      ).rows.map((v) => ({ hash: v.hash, participants: Number(v.participants), content: v.content })),
    createParticipant: async (p) => {
      await pool.query(
        `INSERT INTO participants (${PARTICIPANT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        participantValues(p),
      );
    },
    assignParticipant: (request, decide) =>
      transaction(async (client) => {
        await client.query("SELECT pg_advisory_xact_lock($1)", [ASSIGN_LOCK]);
        if (request.externalId !== null) {
          const existing = await client.query<ParticipantColumns<any>>("SELECT * FROM participants WHERE external_id = $1", [
            request.externalId,
          ]);
          if (existing.rows[0]) return { record: toParticipant(existing.rows[0], same), created: false };
        }
        const counts = await client.query<{ cell: string; persona: string | null; n: string }>(
          "SELECT cell, assignment->>'persona' AS persona, COUNT(*) AS n FROM participants WHERE finished_at IS NOT NULL OR COALESCE(updated_at, created_at) >= $1 GROUP BY 1, 2",
          [request.activeSince],
        );
        const total = await client.query<{ n: string }>("SELECT COUNT(*) AS n FROM participants");
        const record = decide({ counts: cellCounts(counts.rows), total: Number(total.rows[0]!.n) });
        await client.query(
          `INSERT INTO participants (${PARTICIPANT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
          participantValues(record),
        );
        return { record, created: true };
      }),
    getParticipant: async (id) => {
      const r = await pool.query<ParticipantColumns<any>>("SELECT * FROM participants WHERE id = $1", [id]);
      return r.rows[0] ? toParticipant(r.rows[0], same) : null;
    },
    updateState: (id, state, expected, at) => update(pool, id, state, expected, at),
    recordAnswer: async (a: AnswerRecord, state, expected): Promise<RecordOutcome> => {
      try {
        return await transaction(async (client) => {
          if ((await client.query("SELECT 1 FROM answers WHERE id = $1", [a.id])).rowCount) throw new Rollback("duplicate-id");
          if (
            (
              await client.query("SELECT 1 FROM answers WHERE participant_id = $1 AND stage = $2 AND step = $3", [
                a.participantId,
                a.stage,
                a.step,
              ])
            ).rowCount
          )
            throw new Rollback("step-taken");
          if (!(await update(client, a.participantId, state, expected, a.createdAt))) throw new Rollback("stale");
          try {
            await client.query(
              "INSERT INTO answers (id, participant_id, stage, step, created_at, payload, response_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)",
              [a.id, a.participantId, a.stage, a.step, a.createdAt, JSON.stringify(a.payload), a.responseMs],
            );
          } catch (e) {
            // Another server process stored an answer in between: the caller re-reads and retries.
            if ((e as { code?: string }).code === UNIQUE_VIOLATION) throw new Rollback("stale");
            throw e;
          }
          return "stored" as const;
        });
      } catch (e) {
        if (e instanceof Rollback) return e.outcome;
        throw e;
      }
    },
    getAnswer: async (id) => {
      const r = await pool.query<AnswerColumns<any>>("SELECT * FROM answers WHERE id = $1", [id]);
      return r.rows[0] ? toAnswer(r.rows[0], same) : null;
    },
    countCells: async () => {
      const r = await pool.query<{ cell: string; n: string }>("SELECT cell, COUNT(*) AS n FROM participants GROUP BY cell");
      return new Map(r.rows.map((row) => [row.cell, Number(row.n)]));
    },
    listParticipants: async () =>
      (await pool.query<ParticipantColumns<any>>("SELECT * FROM participants ORDER BY created_at, id")).rows.map((r) =>
        toParticipant(r, same),
      ),
    listAnswers: async () =>
      (await pool.query<AnswerColumns<any>>("SELECT * FROM answers ORDER BY seq")).rows.map((r) => toAnswer(r, same)),
    close: () => pool.end(),
  };
}
