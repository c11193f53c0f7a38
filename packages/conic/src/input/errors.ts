/**
 * Typed errors for bad problem data and bad settings. They are thrown before any iteration; solver
 * outcomes (infeasible, max iterations, …) are statuses, never errors.
 *
 * The class mirrors `UserAlignError` of `@useralign/core` in shape (`code`, `issues` with a `path`)
 * without depending on it, so `@useralign/conic` installs on its own.
 */

/** What is wrong with the input, one code per kind of check. */
export type ConicInputErrorCode =
  | "invalid_format"
  | "non_finite"
  | "shape_mismatch"
  | "ragged_triplets"
  | "index_out_of_range"
  | "unknown_cone"
  | "cone_dimensions"
  | "lower_triangle"
  | "not_psd"
  | "invalid_settings"
  | "unsupported_problem";

/** One problem with the input, located by the path of the field (as in zod issues). */
export interface ConicInputIssue {
  readonly code: ConicInputErrorCode;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Thrown for invalid problem data or settings; `code` is that of the first issue. */
export class ConicInputError extends Error {
  override readonly name = "ConicInputError";
  readonly code: ConicInputErrorCode;
  constructor(readonly issues: readonly [ConicInputIssue, ...ConicInputIssue[]]) {
    super(ConicInputError.describe(issues));
    this.code = issues[0].code;
  }

  private static describe(issues: readonly ConicInputIssue[]): string {
    const shown = issues.slice(0, 5).map((i) => `${i.path.length ? i.path.join(".") : "(problem)"}: ${i.message}`);
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : "";
    return `Invalid conic problem: ${shown.join("; ")}${more}.`;
  }
}

/** Type guard that also works across package copies (checks the shape, not the prototype). */
export function isConicInputError(e: unknown, code?: ConicInputErrorCode): e is ConicInputError {
  return (
    typeof e === "object" &&
    e !== null &&
    (e as { name?: unknown }).name === "ConicInputError" &&
    (code === undefined || (e as { code?: unknown }).code === code)
  );
}
