import { UserAlignError } from "../errors.js";
import type { FeatureMatrix, FeatureRows } from "../features.js";
import { parseOrThrow, snapshotSchema, snapshotV1Schema, type SessionSettings, type SessionSnapshot } from "../schemas.js";
import { featureDigest, textDigest } from "./digest.js";
import type { HistoryEntry, SessionRecord } from "./session-state.js";

/** A snapshot read back: what it claims, before {@link validateRecord} checks it against the pool. */
export interface DecodedSnapshot {
  settings: Record<string, unknown>;
  backend: string;
  pool: { n: number; d: number; digest: string };
  features: FeatureRows | undefined;
  record: SessionRecord;
  /** The counts the snapshot states (checked against its history). */
  counts: { questions: number; replayed: number };
  /** Format 1: no `stepStart`, no bounds in the history, no `check`. */
  legacy: boolean;
}

/** The fields of a snapshot, in a fixed order and with sorted settings keys, as `check` hashes them. */
function checkedText(s: Omit<SessionSnapshot, "check" | "features">): string {
  const settings = Object.keys(s.settings)
    .sort()
    .map((k) => [k, s.settings[k]]);
  return JSON.stringify([
    s.format,
    s.version,
    settings,
    s.backend,
    [s.pool.n, s.pool.d, s.pool.digest],
    s.history.map((h) => [h.winner, h.loser, h.replayed, h.question, h.bound]),
    s.questions,
    s.replayed,
    s.rng,
    s.warmStart,
    s.pending && [s.pending.question, s.pending.pair, s.pending.bound, s.pending.random],
    s.result && [s.result.choice, s.result.bound, s.result.reason],
    s.stepStart && [s.stepStart.history, s.stepStart.rng, s.stepStart.warmStart],
  ]);
}

/**
 * `snap` with its `check` recomputed: what someone who edits a snapshot outside core and knows the
 * digest does. Not exported from the package; the tests use it to forge snapshots, which must
 * then get past the validation of their content, not just the digest.
 */
export function resealSnapshot(snap: SessionSnapshot): SessionSnapshot {
  const { check: _, features, ...body } = snap;
  return { ...body, check: textDigest(checkedText(body)), ...(features ? { features } : {}) };
}

/** Writes a session as snapshot format 2 (see `snapshotSchema`). */
export function encodeSnapshot(
  settings: Readonly<SessionSettings>,
  backend: string,
  pool: FeatureMatrix,
  record: SessionRecord,
  withFeatures: boolean,
): SessionSnapshot {
  const { history, pending, result, stepStart } = record;
  const body: Omit<SessionSnapshot, "check" | "features"> = {
    format: "useralign-session",
    version: 2,
    settings: { ...settings } as Record<string, unknown>,
    backend,
    pool: { n: pool.n, d: pool.d, digest: featureDigest(pool.data) },
    history: history.map((h) => ({ winner: h.winner, loser: h.loser, replayed: h.replayed, question: h.question, bound: h.bound })),
    questions: history.reduce((q, h) => q + (h.replayed ? 0 : 1), 0),
    replayed: history.reduce((q, h) => q + (h.replayed ? 1 : 0), 0),
    rng: [...record.rng],
    warmStart: Array.from(record.warmStart),
    pending: pending
      ? { question: pending.question, pair: [pending.pair[0], pending.pair[1]], bound: pending.bound, random: pending.random }
      : null,
    result: result ? { choice: result.choice, bound: result.bound, reason: result.reason } : null,
    stepStart: stepStart ? { history: stepStart.history, rng: [...stepStart.rng], warmStart: Array.from(stepStart.warmStart) } : null,
  };
  const snap: SessionSnapshot = { ...body, check: textDigest(checkedText(body)) };
  if (withFeatures) {
    const { data, n, d } = pool;
    snap.features = Array.from({ length: n }, (_, j) => Array.from(data.subarray(j * d, (j + 1) * d)));
  }
  return snap;
}

/**
 * Reads a snapshot of format 2, or of format 1 (older cores). Throws `invalid_input` when its
 * shape is wrong or, for format 2, when `check` does not match: a snapshot changed after it was
 * saved is refused rather than trusted.
 */
export function decodeSnapshot(snapshot: unknown): DecodedSnapshot {
  if (typeof snapshot === "object" && snapshot !== null && (snapshot as { version?: unknown }).version === 1) return decodeV1(snapshot);
  const s = parseOrThrow(snapshotSchema, snapshot, "session snapshot");
  const { check, features, ...body } = s;
  if (textDigest(checkedText(body)) !== check) {
    throw new UserAlignError(
      "invalid_input",
      "This session snapshot was changed after it was saved (its `check` does not match); it cannot be trusted.",
      [{ path: ["check"], message: "digest mismatch" }],
    );
  }
  return {
    settings: s.settings,
    backend: s.backend,
    pool: s.pool,
    features,
    record: {
      history: s.history.map((h) => ({ ...h })),
      rng: [...s.rng],
      warmStart: Float64Array.from(s.warmStart),
      pending: s.pending ? { ...s.pending, pair: [s.pending.pair[0], s.pending.pair[1]] } : null,
      result: s.result ? { ...s.result } : null,
      stepStart: s.stepStart
        ? { history: s.stepStart.history, rng: [...s.stepStart.rng], warmStart: Float64Array.from(s.stepStart.warmStart) }
        : null,
    },
    counts: { questions: s.questions, replayed: s.replayed },
    legacy: false,
  };
}

function decodeV1(snapshot: unknown): DecodedSnapshot {
  const s = parseOrThrow(snapshotV1Schema, snapshot, "session snapshot");
  return {
    settings: s.settings,
    backend: s.solver,
    pool: s.pool,
    features: s.features,
    record: {
      history: numberQuestions(s.history),
      rng: [...s.rng],
      warmStart: Float64Array.from(s.warmStart),
      pending: s.pending ? { ...s.pending, pair: [s.pending.pair[0], s.pending.pair[1]] } : null,
      result: s.result ? { ...s.result } : null,
      stepStart: null,
    },
    counts: { questions: s.questions, replayed: s.replayed },
    legacy: true,
  };
}

/**
 * Format 1 kept no question numbers: an answer gets the next number, a replay the number of the
 * answer to its pair (0 when there is none, which validation then rejects).
 */
function numberQuestions(history: readonly { winner: number; loser: number; replayed: boolean }[]): HistoryEntry[] {
  const asked = new Map<string, number>();
  let count = 0;
  return history.map((h) => {
    const key = h.winner < h.loser ? `${h.winner},${h.loser}` : `${h.loser},${h.winner}`;
    if (h.replayed) return { winner: h.winner, loser: h.loser, replayed: true, question: asked.get(key) ?? 0, bound: null };
    asked.set(key, ++count);
    return { winner: h.winner, loser: h.loser, replayed: false, question: count, bound: null };
  });
}
