import type { AnswerRecord, AssignContext, AssignRequest, ParticipantRecord, ParticipantState, RecordOutcome } from "./records.js";

/** A study version as stored: its hash, how many participants started on it, its content JSON. */
export interface StoredStudyVersion {
  readonly hash: string;
  readonly participants: number;
  /** `studyContent` as JSON; null when the version was never registered. */
  readonly content: string | null;
}

/**
 * Persistence of a study: the small repository the server talks to. SQLite and PostgreSQL
 * implement it, and one conformance suite (test/store-conformance.ts) runs against both.
 */
export interface StudyStore {
  /** `sqlite` or `postgres`, for logs. */
  readonly kind: string;
  /** Creates the tables when missing, and adds columns older databases lack. Safe to call on every start. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query; rejects otherwise (for `/healthz`). */
  ping(): Promise<void>;
  /** The study's server secret: `candidate` is stored the first time, and the stored one returned ever after. */
  secret(candidate: string): Promise<string>;
  /** Records a study version's content (idempotent). */
  saveStudyVersion(hash: string, content: string): Promise<void>;
  /** Every study version participants started on, with its registered content. */
  studyVersionsInUse(): Promise<StoredStudyVersion[]>;
  /** Inserts a new participant (version 1). */
  createParticipant(record: ParticipantRecord): Promise<void>;
  /**
   * In one transaction that excludes concurrent assignments (also from other server processes):
   * returns the participant with `request.externalId` if there is one, else counts the active
   * participants per cell and persona, lets `decide` build the new record, and inserts it.
   * Whatever `decide` throws aborts the transaction and reaches the caller.
   */
  assignParticipant(
    request: AssignRequest,
    decide: (context: AssignContext) => ParticipantRecord,
  ): Promise<{ record: ParticipantRecord; created: boolean }>;
  getParticipant(id: string): Promise<ParticipantRecord | null>;
  /**
   * Updates a participant's state without an answer (e.g. leaving stage 1), when its version is
   * still `expectedVersion`; `at` becomes its last activity. Returns false when someone else changed it first.
   */
  updateState(id: string, state: ParticipantState, expectedVersion: number, at: string): Promise<boolean>;
  /**
   * In one transaction: inserts the answer and moves the participant to `state`, only when the
   * answer id is new, its (participant, stage, step) is free and the participant is still at
   * `expectedVersion`. Otherwise nothing changes and the outcome says why.
   */
  recordAnswer(answer: AnswerRecord, state: ParticipantState, expectedVersion: number): Promise<RecordOutcome>;
  getAnswer(id: string): Promise<AnswerRecord | null>;
  /** Participants per assignment cell key (see `cellKey`), every participant ever created. */
  countCells(): Promise<Map<string, number>>;
  listParticipants(): Promise<ParticipantRecord[]>;
  /** Every answer, oldest first. */
  listAnswers(): Promise<AnswerRecord[]>;
  close(): Promise<void>;
}

/** The key of an assignment cell: domain, question, method, condition. */
export function cellKey(a: { domain: number; pool: number; method: string; condition: string }): string {
  return `${a.domain}/${a.pool}/${a.method}/${a.condition}`;
}
