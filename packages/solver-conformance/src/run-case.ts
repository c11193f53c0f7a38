import { isUnsupportedProblemError, unsupportedFeature, type ConicSolution, type ConicSolver, type ProblemFeature } from "@useralign/conic";
import type { ConicCase } from "./case.js";
import { checkSolution, type CheckMeasures } from "./check.js";
import { defaultTolerances, type ConformanceTolerances } from "./tolerances.js";

/** Options shared by {@link runCase} and `describeConicBackend`. */
export interface ConformanceOptions {
  /** Overrides of the default tolerances. @default defaultTolerances (1e-6; x 1e-5) */
  readonly tolerances?: Partial<ConformanceTolerances>;
  /** Accept `almost_*` statuses for the expected outcome. @default false */
  readonly allowAlmost?: boolean;
  /** Settings passed to every `solve`. @default {} */
  readonly settings?: Record<string, unknown>;
}

/** What happened on one case. */
export interface CaseResult {
  readonly case: ConicCase;
  /** `pass`: conforms. `refused`: the solver correctly threw UnsupportedProblemError naming `feature`. `fail`: see `failures`. */
  readonly verdict: "pass" | "refused" | "fail";
  readonly failures: readonly string[];
  readonly measures: CheckMeasures;
  /** The feature the solver does not support, when it does not. */
  readonly feature: ProblemFeature | null;
  readonly solution?: ConicSolution;
}

/**
 * Runs one case against a solver and checks the answer (KKT conditions, objective, unique x,
 * certificates). A case using a cone the solver does not declare must be refused with an
 * `UnsupportedProblemError` naming that cone; anything else is a failure.
 */
export async function runCase(solver: ConicSolver, c: ConicCase, options: ConformanceOptions = {}): Promise<CaseResult> {
  const tol = { ...defaultTolerances, ...options.tolerances };
  const feature = unsupportedFeature(c.problem, solver);
  let solution: ConicSolution;
  try {
    solution = await solver.solve(c.problem, options.settings ?? {});
  } catch (e) {
    if (feature !== null && isUnsupportedProblemError(e)) {
      const named = (e as { feature?: unknown }).feature === feature && (e as Error).message.includes(feature);
      return named
        ? { case: c, verdict: "refused", failures: [], measures: {}, feature }
        : {
            case: c,
            verdict: "fail",
            failures: [`UnsupportedProblemError does not name "${feature}": ${(e as Error).message}`],
            measures: {},
            feature,
          };
    }
    return {
      case: c,
      verdict: "fail",
      failures: [`threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`],
      measures: {},
      feature,
    };
  }
  if (feature !== null) {
    return {
      case: c,
      verdict: "fail",
      failures: [
        `returned ${solution.status} for a problem with the unsupported feature "${feature}" instead of throwing UnsupportedProblemError`,
      ],
      measures: {},
      feature,
      solution,
    };
  }
  const report = checkSolution(c.problem, c.expected, solution, tol, { allowAlmost: options.allowAlmost ?? false });
  return {
    case: c,
    verdict: report.failures.length ? "fail" : "pass",
    failures: report.failures,
    measures: report.measures,
    feature,
    solution,
  };
}
