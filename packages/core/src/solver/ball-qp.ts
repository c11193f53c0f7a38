import { choleskyInPlace, choleskySolveInPlace, forwardSolveInPlace } from "../linalg/cholesky.js";
import { dot } from "../linalg/vector.js";
import type { NumericStatus } from "./numeric-status.js";

/** Newton iterations on the secular equation before the solve reports `capped`. */
export const BALL_QP_ITERATION_CAP = 100;
/** ‖x(λ)‖ within this fraction of the radius counts as on the sphere. */
export const BALL_QP_TOLERANCE = 1e-14;
/** Smallest Cholesky pivot of H + λI, relative to its largest diagonal entry. */
const PIVOT_FLOOR = 1e-15;

/** Result of {@link solveBallQp}. */
export interface BallQpResult {
  x: Float64Array;
  /** Multiplier λ ≥ 0 of the ball constraint: (H + λI)x = −c. */
  lambda: number;
  /**
   * `exact` inside the ball or on the sphere to {@link BALL_QP_TOLERANCE} (or where Newton's step
   * vanishes at rounding); `capped` after the iteration cap; `failed` when H + λI cannot be
   * factored (H not positive definite): x is then NaN.
   */
  status: NumericStatus;
  /** Newton iterations on the secular equation. */
  iterations: number;
}

/** Internal limits (tests use a tiny cap to force `capped`). */
export interface BallQpLimits {
  /** @default BALL_QP_ITERATION_CAP */
  iterationCap?: number;
}

/**
 * minimize ½xᵀHx + cᵀx subject to ‖x‖ ≤ radius, for H ≻ 0 (n×n row-major).
 *
 * The minimizer is x(λ) = −(H + λI)⁻¹c with the smallest λ ≥ 0 that makes ‖x(λ)‖ ≤ radius.
 * When the unconstrained minimizer lies outside the ball, λ is found by Newton's method on the
 * secular equation 1/‖x(λ)‖ = 1/radius (Moré–Sorensen), which increases λ monotonically to the root
 * because 1/‖x(λ)‖ is concave in λ.
 */
export function solveBallQp(
  h: Float64Array,
  c: Float64Array,
  n: number,
  radius: number,
  lambdaStart = 0,
  limits: BallQpLimits = {},
): BallQpResult {
  const work = new Float64Array(n * n);
  const x = new Float64Array(n);
  const q = new Float64Array(n);
  const factorAndSolve = (lambda: number): boolean => {
    work.set(h.subarray(0, n * n));
    for (let i = 0; i < n; i++) work[i * n + i]! += lambda;
    if (!choleskyInPlace(work, n, PIVOT_FLOOR)) return false;
    for (let i = 0; i < n; i++) x[i] = -c[i]!;
    choleskySolveInPlace(work, n, x);
    return true;
  };

  const failed = (lambda: number, iterations: number): BallQpResult => ({ x: x.fill(NaN), lambda, status: "failed", iterations });
  // Newton's step on the secular equation 1/‖x(λ)‖ = 1/radius at the last factored λ.
  const secularStep = (norm: number): number => {
    q.set(x);
    forwardSolveInPlace(work, n, q);
    return ((norm * norm) / dot(q, q, n)) * ((norm - radius) / radius);
  };
  // A warm start on the left of the root (‖x(λ)‖ ≥ radius) proves the minimizer lies on the
  // sphere, because ‖x(λ)‖ decreases in λ: then λ = 0 need not be factored at all (the MLE's
  // Newton steps pass the previous λ, and each factorization is most of a ball QP's cost). From
  // the right of the root, one Newton step lands on its left (1/‖x(λ)‖ is concave), to rounding.
  let lambda = 0;
  let onSphere = false;
  if (lambdaStart > 0 && factorAndSolve(lambdaStart)) {
    const norm = Math.sqrt(dot(x, x, n));
    if (norm >= radius) {
      lambda = lambdaStart;
      onSphere = true;
    } else {
      const left = lambdaStart + secularStep(norm);
      if (left > 0 && factorAndSolve(left) && Math.sqrt(dot(x, x, n)) >= radius * (1 - BALL_QP_TOLERANCE)) {
        lambda = left;
        onSphere = true;
      }
    }
  }
  if (!onSphere) {
    if (!factorAndSolve(0)) return failed(0, 0);
    if (Math.sqrt(dot(x, x, n)) <= radius) return { x, lambda: 0, status: "exact", iterations: 0 };
  }
  const cap = limits.iterationCap ?? BALL_QP_ITERATION_CAP;
  let status: NumericStatus = "capped";
  let iterations = 0;
  for (; iterations < cap; iterations++) {
    const norm = Math.sqrt(dot(x, x, n));
    if (Math.abs(norm - radius) <= BALL_QP_TOLERANCE * radius) {
      status = "exact";
      break;
    }
    const step = secularStep(norm);
    // Newton from the left of the root only moves right; a step that is not positive is rounding.
    if (!(step > 0)) {
      status = "exact";
      break;
    }
    lambda += step;
    if (!factorAndSolve(lambda)) return failed(lambda, iterations + 1);
  }
  // Rounding can leave x a hair outside; the callers need feasibility exactly.
  const norm = Math.sqrt(dot(x, x, n));
  if (norm > radius) for (let i = 0; i < n; i++) x[i]! *= radius / norm;
  return { x, lambda, status, iterations };
}
