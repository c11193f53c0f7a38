import type { ConfidenceSetBackend, MaximizeRequest } from "./backend.js";
import type { CandidateDirections, ConfidenceSetKind, ConfidenceSetProblem } from "./confidence-set.js";
import { UserAlignError } from "./errors.js";
import { assertFeatureScale, toFeatureMatrix, type FeatureRows } from "./features.js";
import { PreferenceState, type Comparison } from "./preference-state.js";
import { computeStep } from "./step.js";

/** What {@link backendInstance} builds a step from. */
export interface BackendInstanceInput {
  /** One feature row per candidate, scaled so that ‖φ(y) − φ(y')‖ ≤ 1. */
  readonly features: FeatureRows;
  /** The answer history. */
  readonly comparisons: readonly Comparison[];
  /** `practical` (UserAlign) or `loss` (UserAlign-loss). */
  readonly kind: ConfidenceSetKind;
  /** Norm bound S. @default 3 */
  readonly S?: number;
  /** Confidence level δ. @default 0.05 */
  readonly delta?: number;
  /** y⁽¹⁾ when there are no comparisons (every score ties); ignored otherwise. @default 0 */
  readonly first?: number;
}

/** One step's confidence-set problem exactly as the session hands it to a backend. */
export interface BackendInstance {
  readonly problem: ConfidenceSetProblem;
  readonly directions: CandidateDirections;
  /** y⁽¹⁾ (method.md step 6). */
  readonly first: number;
  /** Every candidate but y⁽¹⁾, in index order. */
  readonly candidates: Int32Array;
  /** θ̂ in R^d (method.md step 2). */
  readonly thetaHat: Float64Array;
}

/**
 * The problem a backend receives for one step on `input` (method.md steps 1–7): what a backend
 * author needs to test a backend outside a session, e.g. against a brute force. Throws
 * `invalid_input` for a malformed pool or an out-of-range comparison.
 *
 * @example
 * const { problem, directions, candidates } = backendInstance({
 *   features: [[0.5, 0], [0, 0.5], [-0.3, 0.2]],
 *   comparisons: [{ winner: 1, loser: 0 }],
 *   kind: "practical",
 * });
 * myBackend.maximize(problem, directions, { candidates, mode: "all", tieTolerance: 1e-9 });
 */
export function backendInstance(input: BackendInstanceInput): BackendInstance {
  const pool = toFeatureMatrix(input.features);
  assertFeatureScale(pool);
  const first = input.first ?? 0;
  if (!Number.isInteger(first) || first < 0 || first >= pool.n) {
    throw new UserAlignError("invalid_input", `first = ${first} is out of range for ${pool.n} candidates.`, [
      { path: ["first"], message: "out of range" },
    ]);
  }
  const state = new PreferenceState(pool.data, pool.n, pool.d);
  input.comparisons.forEach((c, k) => {
    const bad = [c.winner, c.loser].some((i) => !Number.isInteger(i) || i < 0 || i >= pool.n) || c.winner === c.loser;
    if (bad) {
      throw new UserAlignError(
        "invalid_input",
        `comparisons[${k}] = ${c.winner} over ${c.loser} is not a pair of distinct candidates of ${pool.n}.`,
        [{ path: ["comparisons", k], message: "not a pair of distinct candidates" }],
      );
    }
    state.add(c);
  });
  // The step itself builds the problem; a recording backend keeps what it is handed.
  let captured: { problem: ConfidenceSetProblem; directions: CandidateDirections; request: MaximizeRequest } | undefined;
  const recorder: ConfidenceSetBackend = {
    name: "recorder",
    description: "keeps the problem it is handed",
    maximize(problem, directions, request) {
      captured = { problem, directions, request };
      const count = request.candidates.length;
      return { values: new Float64Array(count), exact: new Uint8Array(count), best: 0, solves: 0 };
    },
  };
  const decision = computeStep(state, {
    S: input.S ?? 3,
    delta: input.delta ?? 0.05,
    kind: input.kind,
    backend: recorder,
    mode: "all",
    tieTolerance: 0,
    drawFirst: () => first,
  });
  // n ≥ 2 (toFeatureMatrix) leaves at least one candidate besides y⁽¹⁾, so the backend was called.
  const step = captured!;
  return {
    problem: step.problem,
    directions: step.directions,
    first: decision.first,
    candidates: step.request.candidates,
    thetaHat: state.basis.expand(decision.alpha),
  };
}
