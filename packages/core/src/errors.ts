/** Machine-readable error codes; messages are for people, codes are for programs. */
export type UserAlignErrorCode =
  | "invalid_input"
  | "answer_mismatch"
  | "session_finished"
  | "backend_not_found"
  | "unsupported_problem"
  | "provider_error"
  | "internal_error";

/** One problem with an input, located by `path` (as in zod issues). */
export interface UserAlignIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * The one error type UserAlign throws for misuse and bad input. Solver outcomes are results, not
 * errors. Every throwing method leaves the object it was called on unchanged.
 */
export class UserAlignError extends Error {
  override readonly name = "UserAlignError";
  constructor(
    readonly code: UserAlignErrorCode,
    message: string,
    readonly issues: readonly UserAlignIssue[] = [],
  ) {
    super(message);
  }
}

/** Type guard that also works across package copies (checks the shape, not the prototype). */
export function isUserAlignError(e: unknown, code?: UserAlignErrorCode): e is UserAlignError {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { name?: unknown }).name === "UserAlignError" &&
    (code === undefined || (e as { code?: unknown }).code === code)
  );
}
