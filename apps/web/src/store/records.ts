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
  /** `consent` only when the study has a consent page. */
  readonly stage: "consent" | "question" | "compare" | "evaluate" | "done";
  /** The core session (saved without features: the pool is in the study). */
  readonly session: SessionSnapshot;
  /** Stage 3 plan, set when stage 2 ends. */
  readonly matchups: readonly Matchup[] | null;
  /** Matchups answered so far. */
  readonly evaluated: number;
  /** Attention checks answered so far. @default 0 */
  readonly checks?: number;
  /** When the participant accepted the consent text; null before (or without a consent page). */
  readonly consentedAt?: string | null;
}

/** A participant row. `version` increases with every stored change (optimistic locking). */
export interface ParticipantRecord {
  readonly id: string;
  readonly createdAt: string;
  readonly assignment: Assignment;
  readonly state: ParticipantState;
  readonly version: number;
  /** The study version (content hash) the participant started on; null for rows from before versions. */
  readonly studyVersion: string | null;
  /** `prolific:<PROLIFIC_PID>` or `mturk:<workerId>`: the same person gets the same record back. */
  readonly externalId: string | null;
  /** The allow-listed URL parameters the participant arrived with. */
  readonly params: Readonly<Record<string, string>>;
  /** Last stored change (for abandonment). */
  readonly updatedAt: string;
  /** When the participant reached `done`; null before. */
  readonly finishedAt: string | null;
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
    }
  | {
      readonly stage: "attention";
      /** Index of the check in its domain's `attentionChecks`. */
      readonly check: number;
      /** The option chosen and whether it was the check's correct one. */
      readonly chosen: string;
      readonly passed: boolean;
    };

/** One stored answer. (participant, stage, step) is unique, and so is the client's `id`. */
export interface AnswerRecord {
  /** Client-generated id: a replayed request carries the same id and is recorded once. */
  readonly id: string;
  readonly participantId: string;
  readonly stage: "compare" | "evaluate" | "attention";
  /** 1-based step within the stage (for `attention`, the check's number). */
  readonly step: number;
  readonly createdAt: string;
  readonly payload: AnswerPayload;
  /** Time from the screen being shown to Confirm, measured in the browser; null when not sent. */
  readonly responseMs: number | null;
}

/** Participants per cell and persona, for balanced assignment. */
export interface CellCount {
  readonly cell: string;
  readonly persona: number | null;
  readonly n: number;
}

/** What {@link StudyStore.assignParticipant} needs: who is arriving, and what counts as active. */
export interface AssignRequest {
  /** An external id already in the store returns that participant instead of a new one. */
  readonly externalId: string | null;
  /** Unfinished participants last active before this time no longer hold their cell. */
  readonly activeSince: string;
}

/** What the assignment decision sees: counts of active participants, and every one ever assigned. */
export interface AssignContext {
  readonly counts: readonly CellCount[];
  /** Participants ever created (finished, active or abandoned). */
  readonly total: number;
}

/** Outcome of {@link StudyStore.recordAnswer}. */
export type RecordOutcome = "stored" | "duplicate-id" | "step-taken" | "stale";
