import type { SessionSnapshot } from "@useralign/core";
import type { Condition } from "../study-schema.js";

/** The blinded cell a participant is assigned to. */
export interface Assignment {
  /** Index into the study's domains. */
  readonly domain: number;
  /** Index into the domain's pools (the question). */
  readonly pool: number;
  readonly method: "useralign" | "useralign-loss" | "iidbest";
  readonly condition: Condition;
  /** Index of the persona in the pool, in the persona condition. */
  readonly persona: number | null;
  /** Seed of the participant's selection session and side flips. */
  readonly seed: number;
  /** The RANDOM candidate evaluated in stage 3. */
  readonly randomCandidate: number;
}

/** One stage-3 matchup: a candidate against the baseline, under one or more labels. */
export interface Matchup {
  /** What the candidate is: `step 5`, `step 10`, `random` (merged when they coincide). */
  readonly labels: readonly string[];
  readonly candidate: number;
  /** Whether the baseline is shown as option a (left). */
  readonly baselineFirst: boolean;
}

/** Where a participant is. Stored as JSON; the session itself is a core snapshot. */
export interface ParticipantState {
  readonly stage: "question" | "compare" | "evaluate" | "done";
  /** The core session (saved without features: the pool is in the study). */
  readonly session: SessionSnapshot;
  /** Stage 3 plan, set when stage 2 ends. */
  readonly matchups: readonly Matchup[] | null;
  /** Matchups answered so far. */
  readonly evaluated: number;
}

/** A participant row. `version` increases with every stored change (optimistic locking). */
export interface ParticipantRecord {
  readonly id: string;
  readonly createdAt: string;
  readonly assignment: Assignment;
  readonly state: ParticipantState;
  readonly version: number;
}

/** What an answer says, self-contained for export. */
export type AnswerPayload =
  | {
      readonly stage: "compare";
      /** Candidate ids shown as options a and b. */
      readonly shown: readonly [string, string];
      readonly winner: string;
      readonly loser: string;
    }
  | {
      readonly stage: "evaluate";
      readonly labels: readonly string[];
      readonly candidate: string;
      /** True when the participant preferred the method's candidate to the baseline. */
      readonly win: boolean;
      readonly baselineFirst: boolean;
    };

/** One stored answer. (participant, stage, step) is unique, and so is the client's `id`. */
export interface AnswerRecord {
  /** Client-generated id: a replayed request carries the same id and is recorded once. */
  readonly id: string;
  readonly participantId: string;
  readonly stage: "compare" | "evaluate";
  /** 1-based step within the stage. */
  readonly step: number;
  readonly createdAt: string;
  readonly payload: AnswerPayload;
}

/** Outcome of {@link StudyStore.recordAnswer}. */
export type RecordOutcome = "stored" | "duplicate-id" | "step-taken" | "stale";
