import { choleskyInPlace, choleskySolveInPlace, forwardSolveInPlace } from "../linalg/cholesky.js";
import { dot } from "../linalg/vector.js";

/** Result of {@link solveBallQp}. */
export interface BallQpResult {
  x: Float64Array;
  /** Multiplier λ ≥ 0 of the ball constraint: (H + λI)x = −c. */
  lambda: number;
}

/**
 * minimize ½xᵀHx + cᵀx subject to ‖x‖ ≤ radius, for H ≻ 0 (n×n row-major).
 *
 * The minimizer is x(λ) = −(H + λI)⁻¹c with the smallest λ ≥ 0 that makes ‖x(λ)‖ ≤ radius.
 * When the unconstrained minimizer lies outside the ball, λ is found by Newton's method on the
 * secular equation 1/‖x(λ)‖ = 1/radius (Moré–Sorensen), which increases λ monotonically to the root
 * because 1/‖x(λ)‖ is concave in λ. Throws when H + λI cannot be factored (H not positive definite).
 */
export function solveBallQp(
  h: Float64Array,
  c: Float64Array,
  n: number,
  radius: number,
  lambdaStart = 0,
): BallQpResult {
  const work = new Float64Array(n * n);
  const x = new Float64Array(n);
  const q = new Float64Array(n);
  const factorAndSolve = (lambda: number): boolean => {
    work.set(h.subarray(0, n * n));
    for (let i = 0; i < n; i++) work[i * n + i]! += lambda;
    if (!choleskyInPlace(work, n, 1e-15)) return false;
    for (let i = 0; i < n; i++) x[i] = -c[i]!;
    choleskySolveInPlace(work, n, x);
    return true;
  };

  if (!factorAndSolve(0)) throw new Error("ball QP: Hessian is not positive definite");
  if (Math.sqrt(dot(x, x, n)) <= radius) return { x, lambda: 0 };

  // Past the boundary: find λ > 0 with ‖x(λ)‖ = radius. A warm start from the previous step is
  // only used if it is still on the left of the root (‖x(λ)‖ ≥ radius), which keeps Newton monotone.
  let lambda = 0;
  if (lambdaStart > 0 && factorAndSolve(lambdaStart) && Math.sqrt(dot(x, x, n)) >= radius) {
    lambda = lambdaStart;
  } else {
    factorAndSolve(0);
  }
  for (let iter = 0; iter < 100; iter++) {
    const norm = Math.sqrt(dot(x, x, n));
    if (Math.abs(norm - radius) <= 1e-14 * radius) break;
    q.set(x);
    forwardSolveInPlace(work, n, q);
    const qq = dot(q, q, n);
    const step = ((norm * norm) / qq) * ((norm - radius) / radius);
    if (!(step > 0)) break;
    lambda += step;
    if (!factorAndSolve(lambda)) throw new Error("ball QP: factorization failed");
  }
  // Rounding can leave x a hair outside; the callers need feasibility exactly.
  const norm = Math.sqrt(dot(x, x, n));
  if (norm > radius) for (let i = 0; i < n; i++) x[i]! *= radius / norm;
  return { x, lambda };
}
