import { choleskyInPlace, choleskySolveInPlace } from "../linalg/cholesky.js";
import { sigmoid, softplus } from "../model.js";

/**
 * A convex set in R^n described by the three kinds of constraint a confidence set has:
 * ‖x‖ ≤ radius, ⟨h_k, x⟩ ≥ 0 and Σ_k softplus(−⟨ẑ_k, x⟩) ≤ lossLevel. Rows may be shorter than n
 * (the missing entries are zero).
 */
export interface SmoothConvexSet {
  readonly n: number;
  readonly radius: number;
  readonly halfspaces: readonly Float64Array[];
  readonly lossRows: readonly Float64Array[];
  readonly lossLevel: number | null;
}

/** Outcome of a barrier run. */
export interface BarrierResult {
  x: Float64Array;
  /** Phase I: the smallest shift σ reached (feasible iff σ < 0). Phase II: the objective gᵀx. */
  value: number;
  newtonSteps: number;
}

const constraintCount = (set: SmoothConvexSet) => 1 + set.halfspaces.length + (set.lossLevel === null ? 0 : 1);

function rowDot(row: Float64Array, x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < row.length; i++) s += row[i]! * x[i]!;
  return s;
}

/** Values f_i(x) of the constraints f_i ≤ 0: ball, halfspaces, loss (in that order). */
function constraintValues(set: SmoothConvexSet, x: Float64Array, out: Float64Array): void {
  let sq = 0;
  for (let i = 0; i < set.n; i++) sq += x[i]! * x[i]!;
  out[0] = sq - set.radius * set.radius;
  let j = 1;
  for (const h of set.halfspaces) out[j++] = -rowDot(h, x);
  if (set.lossLevel !== null) {
    let loss = 0;
    for (const z of set.lossRows) loss += softplus(-rowDot(z, x));
    out[j] = loss - set.lossLevel;
  }
}

/**
 * Minimizes `weight·objective + barrier` by damped Newton, where in phase II the objective is −gᵀx
 * over x ∈ R^n and in phase I it is σ over (x, σ) ∈ R^(n+1) with every constraint relaxed to
 * f_i(x) ≤ σ. The barrier is −Σ log(σ − f_i(x)) (σ ≡ 0 in phase II).
 */
function center(
  set: SmoothConvexSet,
  z: Float64Array,
  g: Float64Array | null,
  weight: number,
): number {
  const n = set.n;
  const phase1 = g === null;
  const dim = phase1 ? n + 1 : n;
  const m = constraintCount(set);
  const f = new Float64Array(m);
  const trial = new Float64Array(dim);
  const fTrial = new Float64Array(m);
  const grad = new Float64Array(dim);
  const hess = new Float64Array(dim * dim);
  const lossGrad = new Float64Array(n);
  const evalF = (v: Float64Array, vals: Float64Array): number => {
    constraintValues(set, v, vals);
    const sigma = phase1 ? v[n]! : 0;
    let barrier = 0;
    for (let i = 0; i < m; i++) {
      const slack = sigma - vals[i]!;
      if (!(slack > 0)) return Infinity;
      barrier -= Math.log(slack);
    }
    return weight * (phase1 ? sigma : -rowDot(g!, v)) + barrier;
  };
  let value = evalF(z, f);
  let steps = 0;
  for (let iter = 0; iter < 200; iter++) {
    grad.fill(0);
    hess.fill(0);
    const sigma = phase1 ? z[n]! : 0;
    if (phase1) grad[n] = weight;
    else for (let i = 0; i < n; i++) grad[i] = -weight * (g![i] ?? 0);
    // Adds a constraint with gradient `gi` (length n, zero-padded), curvature `curv`·I or the
    // loss Hessian, and slack `s`.
    const addGradientTerm = (gi: ArrayLike<number>, len: number, s: number) => {
      const inv = 1 / s;
      const inv2 = inv * inv;
      for (let i = 0; i < len; i++) {
        const gv = gi[i]!;
        if (gv === 0) continue;
        grad[i]! += gv * inv;
        const row = i * dim;
        for (let j = 0; j < len; j++) hess[row + j]! += gv * gi[j]! * inv2;
        if (phase1) {
          hess[row + n]! -= gv * inv2;
          hess[n * dim + i]! -= gv * inv2;
        }
      }
      if (phase1) {
        grad[n]! -= inv;
        hess[n * dim + n]! += inv2;
      }
    };
    // Ball: ∇f = 2x, ∇²f = 2I.
    const sBall = sigma - f[0]!;
    const twoX = new Float64Array(n);
    for (let i = 0; i < n; i++) twoX[i] = 2 * z[i]!;
    addGradientTerm(twoX, n, sBall);
    for (let i = 0; i < n; i++) hess[i * dim + i]! += 2 / sBall;
    // Halfspaces: ∇f = −h.
    let j = 1;
    for (const h of set.halfspaces) {
      const neg = new Float64Array(h.length);
      for (let i = 0; i < h.length; i++) neg[i] = -h[i]!;
      addGradientTerm(neg, h.length, sigma - f[j++]!);
    }
    // Loss: ∇f = −Σ σ(−m_k)ẑ_k, ∇²f = Σ σ(m_k)σ(−m_k)ẑ_kẑ_kᵀ.
    if (set.lossLevel !== null) {
      const sLoss = sigma - f[j]!;
      lossGrad.fill(0);
      for (const zr of set.lossRows) {
        const mk = rowDot(zr, z);
        const p = sigmoid(-mk);
        const w = (p * (1 - p)) / sLoss;
        for (let i = 0; i < zr.length; i++) {
          lossGrad[i]! -= p * zr[i]!;
          const wi = w * zr[i]!;
          const row = i * dim;
          for (let k = 0; k < zr.length; k++) hess[row + k]! += wi * zr[k]!;
        }
      }
      addGradientTerm(lossGrad, n, sLoss);
    }
    // Newton step: H·Δ = −∇F (a whisper of regularization if H is numerically singular).
    const step = new Float64Array(dim);
    for (let i = 0; i < dim; i++) step[i] = -grad[i]!;
    const factor = Float64Array.from(hess);
    if (!choleskyInPlace(factor, dim, 1e-300)) {
      let reg = 1e-12;
      for (;;) {
        factor.set(hess);
        for (let i = 0; i < dim; i++) factor[i * dim + i]! += reg * (1 + Math.abs(hess[i * dim + i]!));
        if (choleskyInPlace(factor, dim, 1e-300)) break;
        reg *= 100;
        if (reg > 1) return steps;
      }
    }
    choleskySolveInPlace(factor, dim, step);
    let decrement = 0;
    for (let i = 0; i < dim; i++) decrement -= grad[i]! * step[i]!;
    if (!(decrement > 1e-14)) break;
    let s = 1;
    let accepted = false;
    for (let ls = 0; ls < 80; ls++) {
      for (let i = 0; i < dim; i++) trial[i] = z[i]! + s * step[i]!;
      const v = evalF(trial, fTrial);
      if (v <= value - 0.25 * s * decrement) {
        z.set(trial);
        f.set(fTrial);
        value = v;
        accepted = true;
        break;
      }
      s *= 0.5;
    }
    steps++;
    if (!accepted || decrement < 1e-13) break;
    if (phase1 && z[n]! < -1e3) break;
  }
  return steps;
}

/**
 * Phase I: finds a point strictly inside the set by minimizing the largest constraint value σ.
 * Returns the point and σ; the interior is empty (to tolerance) when σ ≥ −`tolerance`.
 */
export function findInteriorPoint(set: SmoothConvexSet, start: Float64Array, tolerance = 1e-10): BarrierResult {
  const n = set.n;
  const z = new Float64Array(n + 1);
  z.set(start.subarray(0, n));
  const f = new Float64Array(constraintCount(set));
  constraintValues(set, z, f);
  let maxF = -Infinity;
  for (const v of f) maxF = Math.max(maxF, v);
  z[n] = maxF + Math.max(1, Math.abs(maxF));
  const m = constraintCount(set);
  let weight = 1;
  let steps = 0;
  for (let outer = 0; outer < 60; outer++) {
    steps += center(set, z, null, weight);
    // Comfortably inside: stop early, phase II recenters anyway.
    if (z[n]! < -1e-3) break;
    if (m / weight < tolerance * 1e-2) break;
    weight *= 20;
  }
  constraintValues(set, z, f);
  let sigma = -Infinity;
  for (const v of f) sigma = Math.max(sigma, v);
  return { x: z.subarray(0, n).slice(), value: sigma, newtonSteps: steps };
}

/**
 * Phase II: maximizes gᵀx over the set from a strictly interior `start`, following the central
 * path until the duality gap bound m/weight is below `gapTolerance`.
 */
export function maximizeLinear(
  set: SmoothConvexSet,
  g: Float64Array,
  start: Float64Array,
  gapTolerance = 1e-11,
): BarrierResult {
  const z = Float64Array.from(start);
  const m = constraintCount(set);
  let gNorm = 0;
  for (let i = 0; i < g.length; i++) gNorm += g[i]! * g[i]!;
  gNorm = Math.sqrt(gNorm);
  if (gNorm === 0) return { x: z, value: 0, newtonSteps: 0 };
  // Start where the objective and the barrier weigh about the same.
  let weight = m / (gNorm * Math.max(set.radius, 1e-12));
  let steps = 0;
  for (let outer = 0; outer < 80; outer++) {
    steps += center(set, z, g, weight);
    if (m / weight < gapTolerance) break;
    weight *= 16;
  }
  return { x: z, value: rowDot(g, z), newtonSteps: steps };
}
