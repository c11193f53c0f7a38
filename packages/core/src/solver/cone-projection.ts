import { choleskyInPlace, choleskySolveInPlace } from "../linalg/cholesky.js";
import type { ReducedRows } from "../logistic-loss.js";

/** The halfspace system Ẑα ≥ 0 with its Gram matrix G = ẐẐᵀ (shared by every candidate). */
export interface HalfspaceSystem {
  readonly rows: ReducedRows;
  /** G_kl = ⟨ẑ_k, ẑ_l⟩ at `gram[k * gramStride + l]`. */
  readonly gram: Float64Array;
  readonly gramStride: number;
}

/** Result of {@link projectOntoCone}. */
export interface ConeProjection {
  /** ‖Π_C(a)‖², exact (to rounding) unless `pruned`. */
  normSq: number;
  /** True when the projection stopped early because the caller's bound test said so. */
  pruned: boolean;
  /** Upper bound on ‖Π_C(a)‖² at the point it stopped (equal to normSq when not pruned). */
  upperNormSq: number;
  /** Active-set iterations. */
  iterations: number;
  /** Multipliers μ ≥ 0 (length t): Π_C(a) = a + Ẑᵀμ. */
  mu: Float64Array;
}

/**
 * Projects `a` onto the polyhedral cone C = {α : ⟨ẑ_k, α⟩ ≥ 0 ∀k} (SPEC "structure"). By Moreau's
 * decomposition Π_C(a) = a + Ẑᵀμ*, where μ* = argmin_{μ ≥ 0} ‖a + Ẑᵀμ‖² — a nonnegative least
 * squares problem in t variables, solved exactly by the Lawson–Hanson active-set method on the
 * shared Gram matrix.
 *
 * Every feasible iterate μ ≥ 0 gives ‖a + Ẑᵀμ‖ ≥ ‖Π_C(a)‖ (−Ẑᵀμ lies in the polar cone, and Π_C(a)
 * is the residual of the closest polar point), so `canStop(upper)` is consulted after every step and
 * ends the work as soon as the candidate cannot win.
 */
export function projectOntoCone(
  system: HalfspaceSystem,
  a: Float64Array,
  n: number,
  canStop?: (upperNormSq: number) => boolean,
): ConeProjection {
  const { rows, gram, gramStride } = system;
  const t = rows.count;
  const mu = new Float64Array(t);
  const b = new Float64Array(t); // b_k = ⟨ẑ_k, a⟩
  const rowNorm = new Float64Array(t);
  let aSq = 0;
  for (let i = 0; i < n; i++) aSq += a[i]! * a[i]!;
  for (let k = 0; k < t; k++) {
    const z = rows.row(k);
    let s = 0;
    for (let i = 0; i < z.length; i++) s += z[i]! * a[i]!;
    b[k] = s;
    rowNorm[k] = Math.sqrt(gram[k * gramStride + k]!);
  }
  const aNorm = Math.sqrt(aSq);
  const inP = new Uint8Array(t);
  const blocked = new Uint8Array(t);
  let passive: number[] = [];
  let iterations = 0;
  const objective = (): number => {
    // ‖a‖² + 2bᵀμ + μᵀGμ over the passive set: cheap, and only used as a bound.
    let s = aSq;
    for (const i of passive) {
      const mi = mu[i]!;
      s += 2 * b[i]! * mi;
      let g = 0;
      for (const j of passive) g += gram[i * gramStride + j]! * mu[j]!;
      s += mi * g;
    }
    return s;
  };
  const slack = 1e-12 * (aSq + 1e-300);
  const dualTolerance = (k: number) => 1e-12 * aNorm * rowNorm[k]! + 1e-300;

  // Solves G_PP·s = −b_P; returns null when G_PP is numerically singular.
  const solvePassive = (set: number[]): Float64Array | null => {
    const p = set.length;
    const m = new Float64Array(p * p);
    const rhs = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      rhs[i] = -b[set[i]!]!;
      for (let j = 0; j < p; j++) m[i * p + j] = gram[set[i]! * gramStride + set[j]!]!;
    }
    if (!choleskyInPlace(m, p, 1e-13)) return null;
    choleskySolveInPlace(m, p, rhs);
    return rhs;
  };

  for (let outer = 0; outer < 3 * t + 10; outer++) {
    if (canStop && canStop(objective() + slack)) {
      return { normSq: NaN, pruned: true, upperNormSq: objective() + slack, iterations, mu };
    }
    // Dual w_k = −(b_k + (Gμ)_k): the steepest-descent component for μ_k.
    let best = -1;
    let bestW = 0;
    for (let k = 0; k < t; k++) {
      if (inP[k] || blocked[k]) continue;
      let w = -b[k]!;
      for (const i of passive) w -= gram[k * gramStride + i]! * mu[i]!;
      if (w > dualTolerance(k) && w > bestW) {
        bestW = w;
        best = k;
      }
    }
    if (best < 0) break;
    const trialSet = [...passive, best];
    let s = solvePassive(trialSet);
    if (!s) {
      // ẑ_best is (numerically) a combination of the passive rows: it cannot improve the fit.
      blocked[best] = 1;
      continue;
    }
    passive = trialSet;
    inP[best] = 1;
    iterations++;
    // Inner loop: step toward the unconstrained passive solution, dropping indices that hit zero.
    for (let inner = 0; inner < t + 5; inner++) {
      let allPositive = true;
      for (let i = 0; i < passive.length; i++) if (!(s![i]! > 0)) allPositive = false;
      if (allPositive) {
        for (let i = 0; i < passive.length; i++) mu[passive[i]!] = s![i]!;
        break;
      }
      let alpha = 1;
      for (let i = 0; i < passive.length; i++) {
        if (s![i]! <= 0) {
          const cur = mu[passive[i]!]!;
          const ratio = cur / (cur - s![i]!);
          if (ratio < alpha) alpha = ratio;
        }
      }
      for (let i = 0; i < passive.length; i++) {
        const k = passive[i]!;
        mu[k] = mu[k]! + alpha * (s![i]! - mu[k]!);
      }
      const kept: number[] = [];
      for (const k of passive) {
        if (mu[k]! > 1e-15 * (1 + bestW)) kept.push(k);
        else {
          mu[k] = 0;
          inP[k] = 0;
        }
      }
      passive = kept;
      const next = passive.length > 0 ? solvePassive(passive) : new Float64Array(0);
      if (!next) break;
      s = next;
      iterations++;
    }
  }

  // Refinement against the residual itself (not the squared system): y = a + Ẑᵀμ, then one
  // correction G_PP·δ = −Ẑ_P·y. This recovers the digits the Gram matrix squares away.
  let y = residual(rows, a, n, mu, passive);
  if (passive.length > 0) {
    const p = passive.length;
    const m = new Float64Array(p * p);
    const rhs = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      const z = rows.row(passive[i]!);
      let g = 0;
      for (let j = 0; j < z.length; j++) g += z[j]! * y[j]!;
      rhs[i] = -g;
      for (let j = 0; j < p; j++) m[i * p + j] = gram[passive[i]! * gramStride + passive[j]!]!;
    }
    if (choleskyInPlace(m, p, 1e-13)) {
      choleskySolveInPlace(m, p, rhs);
      let ok = true;
      for (let i = 0; i < p; i++) if (mu[passive[i]!]! + rhs[i]! < 0) ok = false;
      if (ok) {
        for (let i = 0; i < p; i++) mu[passive[i]!] = mu[passive[i]!]! + rhs[i]!;
        y = residual(rows, a, n, mu, passive);
      }
    }
  }
  let normSq = 0;
  for (let i = 0; i < n; i++) normSq += y[i]! * y[i]!;
  return { normSq, pruned: false, upperNormSq: normSq, iterations, mu };
}

function residual(rows: ReducedRows, a: Float64Array, n: number, mu: Float64Array, passive: number[]): Float64Array {
  const y = Float64Array.from(a.subarray(0, n));
  for (const k of passive) {
    const z = rows.row(k);
    const m = mu[k]!;
    for (let i = 0; i < z.length; i++) y[i]! += m * z[i]!;
  }
  return y;
}
