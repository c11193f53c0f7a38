import type { AnswerRecord, ParticipantRecord, ParticipantState, RecordOutcome } from "./records.js";

/**
 * Persistence of a study: the small repository the server talks to. SQLite and PostgreSQL
 * implement it, and one conformance suite (test/store-conformance.ts) runs against both.
 */
export interface StudyStore {
  /** `sqlite` or `postgres`, for logs. */
  readonly kind: string;
  /** Creates the tables when missing. Safe to call on every start. */
  migrate(): Promise<void>;
  /** Inserts a new participant (version 1). */
  createParticipant(record: ParticipantRecord): Promise<void>;
  getParticipant(id: string): Promise<ParticipantRecord | null>;
  /**
   * Updates a participant's state without an answer (e.g. leaving stage 1), when its version is
   * still `expectedVersion`. Returns false when someone else changed it first.
   */
  updateState(id: string, state: ParticipantState, expectedVersion: number): Promise<boolean>;
  /**
   * In one transaction: inserts the answer and moves the participant to `state`, only when the
   * answer id is new, its (participant, stage, step) is free and the participant is still at
   * `expectedVersion`. Otherwise nothing changes and the outcome says why.
   */
  recordAnswer(answer: AnswerRecord, state: ParticipantState, expectedVersion: number): Promise<RecordOutcome>;
  getAnswer(id: string): Promise<AnswerRecord | null>;
  /** Participants per assignment cell key (see `cellKey`), for balanced assignment. */
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
