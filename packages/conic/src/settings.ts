import { ConicInputError, type ConicInputIssue } from "./input/errors.js";

/** Which implementation of the numeric kernels factors the KKT system. */
export type KernelChoice = "wasm" | "ts";

/**
 * Settings of the interior-point solvers (`clarabel`, `ecos`). Every field is optional on input;
 * {@link resolveSettings} fills in the defaults and validates once, before any iteration.
 */
export interface IpmSettings {
  /** Iteration limit. @default 100 */
  readonly maxIter: number;
  /** Wall-clock limit in seconds (measured with the injected clock); Infinity for none. @default Infinity */
  readonly timeLimit: number;
  /** Absolute tolerance on the duality gap. @default 1e-8 */
  readonly tolGapAbs: number;
  /** Relative tolerance on the duality gap. @default 1e-8 */
  readonly tolGapRel: number;
  /** Feasibility tolerance on the primal and dual residuals (relative to the data's size). @default 1e-8 */
  readonly tolFeas: number;
  /** Absolute infeasibility tolerance for certificates. @default 1e-8 */
  readonly tolInfeasAbs: number;
  /** Relative infeasibility tolerance for certificates. @default 1e-8 */
  readonly tolInfeasRel: number;
  /** The looser tolerance of the `almost_*` statuses, used when progress stalls. @default 5e-5 */
  readonly reducedTolerance: number;
  /** Fraction of the distance to the cone boundary taken per step. @default 0.99 */
  readonly maxStepFraction: number;
  /** Ruiz equilibration on/off. @default true */
  readonly equilibrate: boolean;
  /** Ruiz equilibration passes. @default 10 */
  readonly equilibrateIterations: number;
  /**
   * Bounds on each equilibration factor. Wider than Clarabel's 1e-4…1e4: with those, a row of
   * 1e-8 entries stays at 1e-4 after scaling, its dual at 1e4, and the duality gap then has a
   * rounding floor ~1e-6 (the conformance case awkward-badly-scaled ended `almost_solved`).
   * @default 1e-6
   */
  readonly equilibrateMinScaling: number;
  /** @default 1e6 */
  readonly equilibrateMaxScaling: number;
  /** Static regularization added to the KKT diagonal (±, by block sign), relative part. @default 1e-8 */
  readonly staticRegularization: number;
  /** Dynamic regularization: pivots of the wrong sign or below `dynamicEpsilon` are replaced by `dynamicDelta`. @default 1e-13 */
  readonly dynamicEpsilon: number;
  /** @default 2e-7 */
  readonly dynamicDelta: number;
  /** Maximum iterative refinement steps per KKT solve. @default 10 */
  readonly refinementSteps: number;
  /** Stop refining when the relative residual of the KKT solve is below this. @default 1e-13 */
  readonly refinementTolerance: number;
  /**
   * Iterative refinement of each search direction on the whole linearized system (the x, z and τ
   * rows), on top of the refinement of each KKT solve: keeps the Δτ elimination accurate late in a
   * run, when the scaling blocks reach ~1/μ. 0 turns it off. @default 2
   */
  readonly newtonRefinementSteps: number;
  /** Numeric kernels for the factorization. @default "wasm" */
  readonly kernels: KernelChoice;
  /**
   * Second-order cones of dimension above this are written into the KKT matrix in the sparse
   * expanded form W² = η²(D + uuᵀ − vvᵀ) (a diagonal plus two extra rows and columns per cone,
   * 3·dim + 2 entries) instead of the dense dim×dim block (dim(dim + 1)/2 entries), as Clarabel
   * does above dimension 4. Higher here: up to 16 a dense block costs at most 136 entries and no
   * measurable time, while expanding the UserAlign cones (dimension d + 1 ≤ 11) moved the
   * iteration counts of fragile confidence-set problems (seed 26, d = 10: 17 → 28). `Infinity`
   * keeps every block dense; 0 expands every second-order cone. @default 16
   */
  readonly socExpansionThreshold: number;
}

/** The defaults of {@link IpmSettings} (Clarabel's where it has one). */
export const DEFAULT_IPM_SETTINGS: IpmSettings = Object.freeze({
  maxIter: 100,
  timeLimit: Number.POSITIVE_INFINITY,
  tolGapAbs: 1e-8,
  tolGapRel: 1e-8,
  tolFeas: 1e-8,
  tolInfeasAbs: 1e-8,
  tolInfeasRel: 1e-8,
  reducedTolerance: 5e-5,
  maxStepFraction: 0.99,
  equilibrate: true,
  equilibrateIterations: 10,
  equilibrateMinScaling: 1e-6,
  equilibrateMaxScaling: 1e6,
  staticRegularization: 1e-8,
  dynamicEpsilon: 1e-13,
  dynamicDelta: 2e-7,
  refinementSteps: 10,
  refinementTolerance: 1e-13,
  newtonRefinementSteps: 2,
  kernels: "wasm",
  socExpansionThreshold: 16,
});

type Check = (v: unknown) => string | undefined;
const positive: Check = (v) => (typeof v === "number" && v > 0 && !Number.isNaN(v) ? undefined : "must be a positive number");
const tolerance: Check = (v) => (typeof v === "number" && v > 0 && v < 1 ? undefined : "must be a number in (0, 1)");
const count =
  (max: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= 0 && (v as number) <= max ? undefined : `must be an integer in [0, ${max}]`;
const CHECKS: { readonly [K in keyof IpmSettings]: Check } = {
  maxIter: (v) => (Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 100_000 ? undefined : "must be an integer in [1, 100000]"),
  timeLimit: positive,
  tolGapAbs: tolerance,
  tolGapRel: tolerance,
  tolFeas: tolerance,
  tolInfeasAbs: tolerance,
  tolInfeasRel: tolerance,
  reducedTolerance: tolerance,
  maxStepFraction: (v) => (typeof v === "number" && v > 0.5 && v < 1 ? undefined : "must be a number in (0.5, 1)"),
  equilibrate: (v) => (typeof v === "boolean" ? undefined : "must be true or false"),
  equilibrateIterations: count(100),
  equilibrateMinScaling: tolerance,
  equilibrateMaxScaling: (v) => (typeof v === "number" && v > 1 && Number.isFinite(v) ? undefined : "must be a finite number > 1"),
  staticRegularization: (v) => (typeof v === "number" && v >= 0 && v < 1 ? undefined : "must be a number in [0, 1)"),
  dynamicEpsilon: (v) => (typeof v === "number" && v >= 0 && v < 1 ? undefined : "must be a number in [0, 1)"),
  dynamicDelta: tolerance,
  refinementSteps: count(100),
  refinementTolerance: tolerance,
  newtonRefinementSteps: count(20),
  kernels: (v) => (v === "wasm" || v === "ts" ? undefined : 'must be "wasm" or "ts"'),
  socExpansionThreshold: (v) =>
    v === Number.POSITIVE_INFINITY || (Number.isInteger(v) && (v as number) >= 0) ? undefined : "must be an integer ≥ 0 or Infinity",
};

/** Fills in defaults over `base` and validates every field; throws `ConicInputError` (`invalid_settings`) naming each bad one. */
export function resolveSettings(partial: Partial<IpmSettings> | undefined, base: IpmSettings = DEFAULT_IPM_SETTINGS): IpmSettings {
  const issues: ConicInputIssue[] = [];
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(partial ?? {})) {
    if (value === undefined) continue;
    const check = (CHECKS as Record<string, Check | undefined>)[key];
    if (check === undefined) {
      issues.push({ code: "invalid_settings", path: ["settings", key], message: "is not a setting" });
      continue;
    }
    const problem = check(value);
    if (problem !== undefined)
      issues.push({ code: "invalid_settings", path: ["settings", key], message: `${problem} (got ${String(value)})` });
    else out[key] = value;
  }
  const [first, ...rest] = issues;
  if (first) throw new ConicInputError([first, ...rest]);
  return Object.freeze(out as unknown as IpmSettings);
}
