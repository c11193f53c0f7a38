/**
 * Misuse of a kernel (a malformed sparsity pattern, wrong array lengths, factor before analyze).
 *
 * `name` is `"UserAlignError"` and `code` is `"invalid_input"` so that `isUserAlignError` from
 * `@useralign/core` recognises it by shape; this package does not depend on core.
 */
export class KernelInputError extends Error {
  override readonly name = "UserAlignError";
  readonly code = "invalid_input" as const;
  constructor(
    message: string,
    /** Where the bad input was, as in zod issues (e.g. `["rowIdx", 7]`). */
    readonly path: readonly (string | number)[] = [],
  ) {
    super(message);
  }
}
