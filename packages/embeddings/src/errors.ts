import { isUserAlignError, UserAlignError, type UserAlignErrorCode, type UserAlignIssue } from "@useralign/core";

/**
 * What went wrong, finer than the error code:
 * - `invalid_inputs`: the texts were not an array of strings, or an image not bytes, a Blob or a string (code `invalid_input`).
 * - `invalid_options`: a provider option is out of range (code `invalid_input`).
 * - `model_format`: a model folder or file is not in the expected format (code `invalid_input`).
 * - `http_status`: the server answered with a non-2xx status, after any retries.
 * - `timeout`: a request took longer than the timeout, after any retries.
 * - `network`: the request failed before any answer (connection refused, DNS, …).
 * - `malformed_response`: the answer was not JSON or not the expected shape.
 * - `wrong_dimension`: rows of the wrong length, or a row count that does not match the inputs.
 * - `missing_dependency`: an optional peer package (transformers.js, TensorFlow.js) is not installed.
 * - `runtime`: the model runtime itself threw.
 */
export type EmbeddingErrorReason =
  | "invalid_inputs"
  | "invalid_options"
  | "model_format"
  | "http_status"
  | "timeout"
  | "network"
  | "malformed_response"
  | "wrong_dimension"
  | "missing_dependency"
  | "runtime";

const INPUT_REASONS: ReadonlySet<EmbeddingErrorReason> = new Set(["invalid_inputs", "invalid_options", "model_format"]);

/**
 * The error every provider throws: a `UserAlignError` (code `invalid_input` for what the caller
 * passed in, `provider_error` for what the model or server did) with a {@link EmbeddingErrorReason}.
 */
export class EmbeddingError extends UserAlignError {
  /** The HTTP status, for `http_status` errors. */
  readonly status: number | undefined;

  constructor(
    readonly reason: EmbeddingErrorReason,
    message: string,
    options: { issues?: readonly UserAlignIssue[]; status?: number; cause?: unknown } = {},
  ) {
    const code: UserAlignErrorCode = INPUT_REASONS.has(reason) ? "invalid_input" : "provider_error";
    super(code, message, options.issues ?? []);
    this.status = options.status;
    if (options.cause !== undefined) (this as { cause?: unknown }).cause = options.cause;
  }
}

/** Whether `e` is an {@link EmbeddingError} (optionally with `reason`), across package copies. */
export function isEmbeddingError(e: unknown, reason?: EmbeddingErrorReason): e is EmbeddingError {
  return (
    isUserAlignError(e) &&
    typeof (e as { reason?: unknown }).reason === "string" &&
    (reason === undefined || (e as EmbeddingError).reason === reason)
  );
}
