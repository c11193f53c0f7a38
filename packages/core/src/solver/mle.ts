import { lossChange, lossDerivatives, lossFromMargins, margins, type ReducedRows } from "../logistic-loss.js";
import { dot } from "../linalg/vector.js";
import { solveBallQp } from "./ball-qp.js";
import type { NumericStatus } from "./numeric-status.js";

/** Projected Newton iterations before the MLE reports `capped`. */
export const MLE_ITERATION_CAP = 100;

/** The norm-constrained maximum-likelihood estimate in reduced coordinates. */
export interface MleResult {
  /** α̂ with θ̂ = Qᵀα̂ (length n = rank of Z). */
  alpha: Float64Array;
  /** L(α̂). */
  loss: number;
  /** Multiplier of ‖α‖ ≤ S at the optimum (0 when the minimum is interior). */
  lambda: number;
  /** Newton iterations used. */
  iterations: number;
  /** ‖∇L(α̂) + λα̂‖, the KKT stationarity residual. */
  kktResidual: number;
  /**
   * `exact` when Newton stopped on its step or line-search tests (the minimizer to rounding);
   * `capped` at {@link MLE_ITERATION_CAP} or when a ball QP of a step was capped; `failed` when a
   * ball QP could not factor the Hessian (α̂ is then the last good iterate).
   */
  status: NumericStatus;
}

/**
 * method.md step 2: θ̂ = argmin L(θ) subject to ‖θ‖ ≤ S, solved in span(Z), where L is strictly convex
 * (its Hessian Ẑᵀ·W·Ẑ has full rank there and W ≥ σ(S)σ(−S) because every margin is at most S·‖z‖).
 * The solution in span(Z) is the minimum-norm minimizer over R^d.
 *
 * Each iteration minimizes the exact second-order model of L over the exact ball (a ball-constrained
 * QP, {@link solveBallQp}) and backtracks along the segment to it, which stays feasible because the
 * ball is convex: a projected Newton method that converges quadratically near the optimum.
 */
export function fitMle(
  rows: ReducedRows,
  n: number,
  S: number,
  warmStart?: ArrayLike<number>,
  iterationCap = MLE_ITERATION_CAP,
): MleResult {
  const alpha = new Float64Array(n);
  if (rows.count === 0 || n === 0) {
    // n = 0 with rows: every z_k = 0 (identical candidates compared), L ≡ Σ w_k·log 2.
    return { alpha, loss: lossFromMargins(rows, new Float64Array(rows.count)), lambda: 0, iterations: 0, kktResidual: 0, status: "exact" };
  }
  if (warmStart) {
    for (let i = 0; i < Math.min(n, warmStart.length); i++) alpha[i] = warmStart[i]!;
    const norm = Math.sqrt(dot(alpha, alpha, n));
    if (norm > S) for (let i = 0; i < n; i++) alpha[i]! *= S / norm;
  }
  const m = new Float64Array(rows.count);
  const dm = new Float64Array(rows.count);
  const direction = new Float64Array(n);
  const trial = new Float64Array(n);
  const trialGrad = new Float64Array(n);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n * n);
  const linear = new Float64Array(n);
  margins(rows, alpha, m);
  let loss = lossFromMargins(rows, m);
  // The ball QPs are warm-started from the last multiplier; the first from the warm start's own
  // (near θ̂ of the previous step it is close to the model's, saving several factorizations).
  let lambda = 0;
  if (warmStart) {
    lossDerivatives(rows, m, n, grad);
    lambda = boundaryMultiplier(alpha, grad, n, S);
  }
  let iterations = 0;
  let status: NumericStatus = "capped";
  for (; iterations < iterationCap; iterations++) {
    lossDerivatives(rows, m, n, grad, hess);
    // Model minimizer over the ball: minimize ½xᵀHx + (g − Hα)ᵀx subject to ‖x‖ ≤ S.
    for (let i = 0; i < n; i++) {
      let s = grad[i]!;
      for (let j = 0; j < n; j++) s -= hess[i * n + j]! * alpha[j]!;
      linear[i] = s;
    }
    const qp = solveBallQp(hess, linear, n, S, lambda);
    if (qp.status === "failed") {
      status = "failed";
      break;
    }
    // A capped model step still descends (the line search checks L itself), but the fit is no
    // longer known to be exact.
    const stepStatus = qp.status;
    lambda = qp.lambda;
    let stepSq = 0;
    let slope = 0;
    for (let i = 0; i < n; i++) {
      const p = qp.x[i]! - alpha[i]!;
      stepSq += p * p;
      slope += grad[i]! * p;
    }
    if (stepSq <= 1e-30 * Math.max(1, S * S)) {
      status = stepStatus;
      break;
    }
    for (let i = 0; i < n; i++) direction[i] = qp.x[i]! - alpha[i]!;
    // Predicted change of the model, gᵀp + ½pᵀHp. Near an optimum on the sphere the step is a
    // chord between two points of it and gᵀp = λ·½‖p‖² > 0: only the full step decreases L,
    // so it is taken when it delivers a fair share of the prediction (a trust-region ratio test).
    let curvature = 0;
    for (let i = 0; i < n; i++) {
      let hp = 0;
      for (let j = 0; j < n; j++) hp += hess[i * n + j]! * direction[j]!;
      curvature += direction[i]! * hp;
    }
    const predicted = slope + 0.5 * curvature;
    margins(rows, direction, dm);
    let s = 1;
    let accepted = false;
    for (let ls = 0; ls < 60; ls++) {
      // Armijo on the exact change, not on a difference of two rounded losses (see lossChange).
      const change = lossChange(rows, m, dm, s);
      if (change <= 1e-4 * s * slope || (s === 1 && predicted < 0 && change <= 0.25 * predicted)) {
        for (let i = 0; i < n; i++) alpha[i]! += s * direction[i]!;
        margins(rows, alpha, m);
        loss = lossFromMargins(rows, m);
        accepted = true;
        break;
      }
      // Backtracking only helps along a descent direction.
      if (slope >= 0) break;
      s *= 0.5;
    }
    if (!accepted && stepSq <= 1e-12 * Math.max(1, S * S)) {
      // At the resolution of L: on the sphere, ‖α‖'s last bit moves L by ~1e-16·‖∇L‖·S, more
      // than a tangential step of 1e-8 gains. The KKT residual has no such floor, so a short
      // Newton step that shrinks it is taken; this is what brings θ̂ to ~1e-12 rather than 1e-8.
      for (let i = 0; i < n; i++) trial[i] = alpha[i]! + direction[i]!;
      margins(rows, trial, dm);
      lossDerivatives(rows, dm, n, trialGrad);
      if (kktResidual(trial, trialGrad, n, S) < 0.5 * kktResidual(alpha, grad, n, S)) {
        alpha.set(trial);
        m.set(dm);
        loss = lossFromMargins(rows, m);
        accepted = true;
      }
    }
    if (!accepted) {
      status = stepStatus;
      break;
    }
    if (stepSq * s * s <= 1e-28 * Math.max(1, S * S)) {
      iterations++;
      status = stepStatus;
      break;
    }
  }
  lossDerivatives(rows, m, n, grad);
  return { alpha, loss, lambda: boundaryMultiplier(alpha, grad, n, S), iterations, kktResidual: kktResidual(alpha, grad, n, S), status };
}

/** Multiplier from stationarity −∇L = λα on the boundary; 0 inside. */
function boundaryMultiplier(alpha: Float64Array, grad: Float64Array, n: number, S: number): number {
  const norm = Math.sqrt(dot(alpha, alpha, n));
  const onBoundary = norm >= S * (1 - 1e-9);
  return onBoundary && norm > 0 ? Math.max(0, -dot(grad, alpha, n) / (norm * norm)) : 0;
}

/** ‖∇L + λα‖ with λ from {@link boundaryMultiplier}. */
function kktResidual(alpha: Float64Array, grad: Float64Array, n: number, S: number): number {
  const lam = boundaryMultiplier(alpha, grad, n, S);
  let res = 0;
  for (let i = 0; i < n; i++) {
    const v = grad[i]! + lam * alpha[i]!;
    res += v * v;
  }
  return Math.sqrt(res);
}
