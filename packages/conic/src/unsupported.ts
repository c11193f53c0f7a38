import type { ConeType, ConicProblem } from "./problem.js";

/** A feature of a problem a solver may not support: a cone type, or a nonzero quadratic term P. */
export type ProblemFeature = ConeType | "quadratic";

/**
 * Thrown by a solver handed a problem it cannot solve: a cone type it does not implement (HiGHS has
 * no second-order or exponential cones) or a quadratic objective. Thrown before any iteration, so a
 * caller can pick another solver; never a wrong answer, never a silent skip.
 *
 * It carries the same `code` as the core's `UserAlignError` (`unsupported_problem`) and a `feature`
 * naming the cone, so programs can react without parsing the message.
 */
export class UnsupportedProblemError extends Error {
  override readonly name = "UnsupportedProblemError";
  readonly code = "unsupported_problem" as const;
  constructor(
    /** The solver that refused the problem. */
    readonly solver: string,
    /** The first unsupported feature found (cones in the order they appear, then `quadratic`). */
    readonly feature: ProblemFeature,
  ) {
    super(
      feature === "quadratic"
        ? `Solver "${solver}" does not support a quadratic objective (nonzero P).`
        : `Solver "${solver}" does not support the "${feature}" cone.`,
    );
  }
}

/** True for an {@link UnsupportedProblemError}, also across package copies (checks the shape). */
export function isUnsupportedProblemError(e: unknown): e is UnsupportedProblemError {
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "UnsupportedProblemError";
}

/** Whether P has a nonzero entry (explicit zeros do not make a problem quadratic). */
export function hasQuadraticTerm(problem: ConicProblem): boolean {
  return problem.P !== undefined && problem.P.vals.some((v) => v !== 0);
}

/**
 * The first feature of `problem` outside what a solver declares, or null when it is supported.
 * Cones of dimension 0 contribute no rows and are not counted.
 */
export function unsupportedFeature(
  problem: ConicProblem,
  capabilities: { readonly supportedCones: ReadonlySet<ConeType>; readonly supportsQuadratic: boolean },
): ProblemFeature | null {
  for (const cone of problem.cones) {
    if (cone.dim > 0 && !capabilities.supportedCones.has(cone.type)) return cone.type;
  }
  if (!capabilities.supportsQuadratic && hasQuadraticTerm(problem)) return "quadratic";
  return null;
}

/** Throws {@link UnsupportedProblemError} when `problem` uses a feature `solver` does not declare. */
export function assertSupported(
  problem: ConicProblem,
  solver: { readonly name: string; readonly supportedCones: ReadonlySet<ConeType>; readonly supportsQuadratic: boolean },
): void {
  const feature = unsupportedFeature(problem, solver);
  if (feature !== null) throw new UnsupportedProblemError(solver.name, feature);
}
