import { UserAlignError } from "@useralign/core";
import type { ConeType } from "@useralign/conic";

/**
 * Thrown by a solver asked for a cone it does not handle (code `unsupported_problem`). It is
 * never a wrong answer and never a skipped test: the conformance suite asserts this error.
 */
export class UnsupportedProblemError extends UserAlignError {
  constructor(
    readonly cone: ConeType,
    readonly solver: string,
  ) {
    super("unsupported_problem", `The ${solver} solver does not support ${cone} cones (it handles zero and nonneg cones, with or without P).`, [
      { path: ["cones"], message: `unsupported cone type ${cone}` },
    ]);
  }
}
