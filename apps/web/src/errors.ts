import { UserAlignError, type UserAlignErrorCode, type UserAlignIssue } from "@useralign/core";

/** Why a study request was refused; the HTTP layer maps each to a status. */
export type StudyErrorReason =
  | "bad_request"
  | "not_found"
  | "not_pending"
  | "conflict"
  | "unauthorized"
  | "forbidden"
  | "unsupported_media_type"
  | "study_changed"
  | "unavailable"
  | "finished";

const CODES: Record<StudyErrorReason, UserAlignErrorCode> = {
  bad_request: "invalid_input",
  not_found: "invalid_input",
  not_pending: "answer_mismatch",
  conflict: "answer_mismatch",
  unauthorized: "invalid_input",
  forbidden: "invalid_input",
  unsupported_media_type: "invalid_input",
  study_changed: "answer_mismatch",
  unavailable: "invalid_input",
  finished: "session_finished",
};

const STATUS: Record<StudyErrorReason, number> = {
  bad_request: 400,
  not_found: 404,
  not_pending: 409,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  unsupported_media_type: 415,
  study_changed: 409,
  unavailable: 503,
  finished: 409,
};

/**
 * A refused study request. `reason` is finer than the core `code` (several reasons share
 * `answer_mismatch`), and `status` is the HTTP status the server answers with.
 */
export class StudyError extends UserAlignError {
  readonly status: number;
  constructor(
    readonly reason: StudyErrorReason,
    message: string,
    issues: readonly UserAlignIssue[] = [],
  ) {
    super(CODES[reason], message, issues);
    this.status = STATUS[reason];
  }
}
