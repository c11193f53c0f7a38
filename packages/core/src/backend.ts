import type { CandidateDirections, ConfidenceSetProblem } from "./confidence-set.js";
import { UserAlignError } from "./errors.js";
import type { NumericResult } from "./solver/numeric-status.js";
import { BestFirstQueue } from "./solver/best-first-queue.js";

/** What a caller asks of a backend for one step. */
export interface MaximizeRequest {
  /** Candidate indices j to evaluate (y⁽¹⁾ excluded). */
  readonly candidates: Int32Array;
  /**
   * `all`: every V_j exactly (the CLI's `step`). `best`: only argmax V and its value; other
   * entries may hold upper bounds that cannot beat the winner.
   */
  readonly mode: "all" | "best";
  /** Values within this absolute distance tie, and ties go to the lowest index. */
  readonly tieTolerance: number;
}

/** A backend's answer for one step. */
export interface MaximizeResult {
  /** Aligned with `candidates`: V_j, or an upper bound in `best` mode for candidates it pruned. */
  readonly values: Float64Array;
  /** Which entries of `values` are exact. */
  readonly exact: Uint8Array;
  /** Position in `candidates` of y⁽²⁾ (−1 when there are no candidates). */
  readonly best: number;
  /** Number of exact candidate solves performed. */
  readonly solves: number;
}

/**
 * A backend for the confidence-set problems V_j = max_{θ∈Θ} ⟨θ, c_j⟩ (method.md step 7).
 * Backends are chosen by name from a {@link BackendRegistry}.
 */
export interface ConfidenceSetBackend {
  /** Short lower-case name used in options and on the command line. */
  readonly name: string;
  /** One line for listings. */
  readonly description: string;
  maximize(problem: ConfidenceSetProblem, directions: CandidateDirections, request: MaximizeRequest): MaximizeResult;
}

/** True when candidate `j` with value `v` should replace the incumbent (`bestJ`, `bestV`). */
export function beats(v: number, j: number, bestV: number, bestJ: number, tol: number): boolean {
  if (bestJ < 0) return true;
  if (v > bestV + tol) return true;
  return v >= bestV - tol && j < bestJ;
}

/**
 * The generic loop for backends that solve one candidate at a time: in `best` mode candidates are
 * visited by decreasing upper bound (S·‖c_j‖, or the backend's tighter `upperBound`) and skipped
 * once that bound cannot beat the incumbent. `solveOne` may also give up early (return null) when
 * the test it is handed says its own running bound cannot win. It returns V_j, or V_j with the
 * status of its solve: a value that is not `exact` (a capped or failed solve the backend could
 * not recover with a more robust route) is an `internal_error`, never a silent answer.
 */
export function maximizeEach(
  problem: ConfidenceSetProblem,
  directions: CandidateDirections,
  request: MaximizeRequest,
  solveOne: (j: number, upperBoundTest: (upper: number) => boolean) => number | NumericResult | null,
  upperBound?: (j: number) => number,
): MaximizeResult {
  const { candidates, tieTolerance: tol } = request;
  const count = candidates.length;
  const values = new Float64Array(count);
  const exact = new Uint8Array(count);
  const upper = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const j = candidates[i]!;
    upper[i] = (upperBound ? upperBound(j) : problem.S * directions.norm(j)) * (1 + 1e-12) + 1e-15;
  }
  // Every entry holds its bound until its candidate is solved.
  values.set(upper);
  let best = -1;
  let bestV = -Infinity;
  let solves = 0;
  const visit = (i: number) => {
    const j = candidates[i]!;
    const bestJ = best < 0 ? -1 : candidates[best]!;
    const hopeless = (u: number) => request.mode === "best" && best >= 0 && !beats(u, j, bestV, bestJ, tol);
    if (hopeless(upper[i]!)) return;
    const solved = solveOne(j, hopeless);
    if (solved === null) return;
    const v = exactValue(solved, j);
    solves++;
    values[i] = v;
    exact[i] = 1;
    if (beats(v, j, bestV, bestJ, tol)) {
      best = i;
      bestV = v;
    }
  };
  if (request.mode === "all") for (let i = 0; i < count; i++) visit(i);
  else {
    // By decreasing bound; once a bound is below the incumbent by more than the tolerance, so
    // is every one after it, and none of them can win.
    const queue = new BestFirstQueue(upper, candidates);
    for (let i = queue.pop(); i >= 0 && !(best >= 0 && upper[i]! < bestV - tol); i = queue.pop()) visit(i);
  }
  return { values, exact, best, solves };
}

/** The value of a candidate solve, or an `internal_error` when its status is not `exact`. */
export function exactValue(solved: number | NumericResult, j: number): number {
  if (typeof solved === "number") return solved;
  if (solved.status !== "exact") {
    throw new UserAlignError(
      "internal_error",
      `The confidence-set solve for candidate ${j} ended ${solved.status} (value ${solved.value}); a ${solved.status} value is never reported as V_j.`,
    );
  }
  return solved.value;
}
