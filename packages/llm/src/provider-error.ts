import { UserAlignError, type UserAlignIssue } from "@useralign/core";

/**
 * What went wrong talking to a chat model:
 * - `http_status`: the server answered with a non-2xx status (after any retries);
 * - `timeout`: no complete response within the per-attempt timeout (after any retries);
 * - `network`: the request never got an HTTP answer (refused, reset, DNS);
 * - `malformed_response`: a 2xx answer that is not JSON or not a chat completion;
 * - `bad_answer`: a well-formed completion whose text breaks the format we asked for
 *   (a judge that does not answer 1 or 2, an interest list that is not a JSON list);
 * - `aborted`: the caller's AbortSignal fired;
 * - `configuration`: missing base URL, model or key.
 */
export type ProviderErrorReason = "http_status" | "timeout" | "network" | "malformed_response" | "bad_answer" | "aborted" | "configuration";

/** Details of a {@link ProviderError}. */
export interface ProviderErrorDetails {
  readonly reason: ProviderErrorReason;
  /** HTTP status of the last attempt, when there was one. */
  readonly status?: number;
  /** How many HTTP attempts were made before giving up. */
  readonly attempts?: number;
  /** Where in the response the problem is (zod-style paths), for `malformed_response`. */
  readonly issues?: readonly UserAlignIssue[];
  /** The raw text the model returned, for `bad_answer` (truncated to 500 characters). */
  readonly content?: string;
}

/**
 * The error every `@useralign/llm` call throws: a {@link UserAlignError} with code
 * `provider_error` (so `isUserAlignError(e, "provider_error")` catches it across package copies)
 * plus a machine-readable `reason`.
 */
export class ProviderError extends UserAlignError {
  readonly reason: ProviderErrorReason;
  readonly status: number | undefined;
  readonly attempts: number | undefined;
  readonly content: string | undefined;

  constructor(message: string, details: ProviderErrorDetails) {
    super("provider_error", message, details.issues ?? []);
    this.reason = details.reason;
    this.status = details.status;
    this.attempts = details.attempts;
    this.content = details.content === undefined ? undefined : truncate(details.content, 500);
  }
}

/** Shortens `text` to `max` characters with an ellipsis, for error messages. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Type guard for {@link ProviderError} that checks the shape, not the prototype. */
export function isProviderError(e: unknown): e is ProviderError {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { code?: unknown }).code === "provider_error" &&
    typeof (e as { reason?: unknown }).reason === "string"
  );
}
