import { solveDense } from "./dense-solve.js";
import type { ReducedLoss } from "./reduced-loss.js";

/**
 * One step's confidence set Θ in the reduced coordinates x = (α, s) of SPEC's structure section:
 * ‖x‖ ≤ S, ⟨ẑ_k, α⟩ ≥ 0 for the halfspaces, L(α) ≤ τ when the loss constraint is kept. `s` (the
 * norm of θ's component outside span(Z), present when `n > rank`) enters only the ball.
 */
export interface ReducedSet {
  /** Variables: rank(Z), plus one for s when d > rank(Z). */
  readonly n: number;
  readonly rank: number;
  readonly S: number;
  /** ẑ_k padded to length `n` (the s coordinate is 0); empty for UserAlign-loss. */
  readonly halfspaces: readonly Float64Array[];
  /** ‖ẑ_k‖. */
  readonly halfspaceNorms: Float64Array;
  /** The loss, or null when it provably cannot bind and is dropped. */
  readonly loss: ReducedLoss | null;
  /** τ = L(θ̂) + β_t. */
  readonly tau: number;
}

/** A verified maximizer: gᵀx with x feasible and KKT multipliers ≥ 0 (to the tolerances). */
export interface FinishResult {
  readonly value: number;
  readonly x: Float64Array;
  /** Active-set adjustments it took (0 when the LP's guess was right). */
  readonly adjustments: number;
}

type Smooth = { ball: boolean; loss: boolean };

const FEASIBILITY = 1e-9;
const MULTIPLIER = 1e-9;

/**
 * The exact finish of the outer approximation. Cutting planes find which halfspaces are active
 * quickly but approach the round constraints (ball, loss) only linearly, so once the LP optimum
 * is available we solve the KKT system of max gᵀx restricted to the guessed active set: in closed
 * form when only the ball is active (x = S·P g/‖P g‖, P the projection onto the halfspaces' common
 * null space), by Newton's method when the loss constraint is active. The answer is accepted only
 * after checking every KKT condition of the full problem (primal feasibility of all constraints,
 * nonnegative multipliers, stationarity by construction) — so it is exact however the active set
 * was guessed; a wrong guess is repaired by dropping the most negative multiplier or adding the
 * most violated halfspace, and when that fails the caller adds cuts and tries again.
 */
export function finishExactly(set: ReducedSet, g: Float64Array, x0: Float64Array, active: readonly number[]): FinishResult | null {
  const A = [...active];
  const maxAdjust = 2 * set.halfspaces.length + 4;
  const gScale = 1 + maxAbs(g);
  const L0 = set.loss ? set.loss.value(x0) : 0;
  const orders: Smooth[] = !set.loss
    ? [{ ball: true, loss: false }]
    : L0 > set.tau
      ? [
          { ball: true, loss: true },
          { ball: false, loss: true },
          { ball: true, loss: false },
        ]
      : [
          { ball: true, loss: false },
          { ball: true, loss: true },
          { ball: false, loss: true },
        ];
  for (let adjust = 0; adjust <= maxAdjust; adjust++) {
    let solved: EqualitySolution | null = null;
    for (const smooth of orders) {
      const sol = smooth.loss ? newtonKkt(set, g, x0, A, smooth) : ballOnly(set, g, A);
      if (sol && smoothFeasible(set, sol, smooth, gScale)) {
        solved = sol;
        break;
      }
    }
    if (!solved) return null;
    // Halfspace multipliers: drop the most negative; then add the most violated halfspace.
    let worst = -1;
    let worstMu = -MULTIPLIER * gScale;
    solved.mu.forEach((m, i) => {
      if (m < worstMu) {
        worstMu = m;
        worst = i;
      }
    });
    if (worst >= 0) {
      A.splice(worst, 1);
      continue;
    }
    let violated = -1;
    let worstSlack = 0;
    set.halfspaces.forEach((h, k) => {
      const slack = dot(h, solved.x, set.n) / (set.halfspaceNorms[k]! * set.S);
      if (slack < -FEASIBILITY && slack < worstSlack && !A.includes(k)) {
        worstSlack = slack;
        violated = k;
      }
    });
    if (violated >= 0) {
      A.push(violated);
      continue;
    }
    return { value: dot(g, solved.x, set.n), x: solved.x, adjustments: adjust };
  }
  return null;
}

interface EqualitySolution {
  x: Float64Array;
  /** Multipliers of the active halfspaces, aligned with the active list. */
  mu: Float64Array;
  lambdaBall: number;
  lambdaLoss: number;
}

function smoothFeasible(set: ReducedSet, sol: EqualitySolution, smooth: Smooth, gScale: number): boolean {
  if (sol.lambdaBall < -MULTIPLIER * gScale || sol.lambdaLoss < -MULTIPLIER * gScale) return false;
  if (!smooth.ball && norm(sol.x, set.n) > set.S * (1 + FEASIBILITY)) return false;
  if (set.loss && !smooth.loss && set.loss.value(sol.x) > set.tau + FEASIBILITY * (1 + Math.abs(set.tau))) return false;
  if (set.n > set.rank && sol.x[set.rank]! < -FEASIBILITY * set.S) return false;
  return true;
}

/** Orthonormal basis of span{ẑ_k : k ∈ A} by modified Gram–Schmidt; null when the rows are dependent. */
function rowBasis(set: ReducedSet, A: readonly number[]): Float64Array[] | null {
  const basis: Float64Array[] = [];
  for (const k of A) {
    const v = Float64Array.from(set.halfspaces[k]!);
    for (let pass = 0; pass < 2; pass++) {
      for (const q of basis) {
        const c = dot(q, v, set.n);
        for (let i = 0; i < set.n; i++) v[i]! -= c * q[i]!;
      }
    }
    const nv = norm(v, set.n);
    if (!(nv > 1e-10 * set.halfspaceNorms[k]!)) return null;
    for (let i = 0; i < set.n; i++) v[i]! /= nv;
    basis.push(v);
  }
  return basis;
}

/** Multipliers μ of Σ μ_i ẑ_{A_i} = −r (least squares on the active rows' Gram matrix). */
function halfspaceMultipliers(set: ReducedSet, A: readonly number[], r: Float64Array): Float64Array | null {
  const m = A.length;
  const mu = new Float64Array(m);
  if (m === 0) return mu;
  const G = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) G[i * m + j] = dot(set.halfspaces[A[i]!]!, set.halfspaces[A[j]!]!, set.n);
    mu[i] = -dot(set.halfspaces[A[i]!]!, r, set.n);
  }
  return solveDense(G, mu, m) ? mu : null;
}

/** Only the ball (and the halfspaces in A) active: the closed form. */
function ballOnly(set: ReducedSet, g: Float64Array, A: readonly number[]): EqualitySolution | null {
  const basis = rowBasis(set, A);
  if (!basis) return null;
  const p = Float64Array.from(g);
  for (const q of basis) {
    const c = dot(q, p, set.n);
    for (let i = 0; i < set.n; i++) p[i]! -= c * q[i]!;
  }
  const pn = norm(p, set.n);
  const x = new Float64Array(set.n);
  let lambdaBall = 0;
  if (pn > 1e-14 * (1 + maxAbs(g))) {
    for (let i = 0; i < set.n; i++) x[i] = (set.S * p[i]!) / pn;
    lambdaBall = pn / (2 * set.S);
  }
  // Stationarity g − 2λx + Σμ ẑ = 0 with 2λx = p: Σμ ẑ = −(g − p).
  const r = Float64Array.from(g, (v, i) => v - p[i]!);
  const mu = halfspaceMultipliers(set, A, r);
  if (!mu) return null;
  return { x, mu, lambdaBall, lambdaLoss: 0 };
}

/** The loss (and maybe the ball) active: Newton's method on the KKT equations of the face. */
function newtonKkt(set: ReducedSet, g: Float64Array, x0: Float64Array, A: readonly number[], smooth: Smooth): EqualitySolution | null {
  const loss = set.loss!;
  const n = set.n;
  const m = A.length;
  const iBall = n + m;
  const iLoss = iBall + (smooth.ball ? 1 : 0);
  const size = iLoss + 1;
  const u = new Float64Array(size);
  u.set(x0.subarray(0, n));
  const grad = new Float64Array(n);
  const F = new Float64Array(size);
  const J = new Float64Array(size * size);
  const scale = 1 + maxAbs(g);

  const residual = (v: Float64Array): number => {
    const x = v.subarray(0, n);
    const Lx = loss.gradient(x, grad);
    const lb = smooth.ball ? v[iBall]! : 0;
    const ll = v[iLoss]!;
    for (let i = 0; i < n; i++) F[i] = g[i]! - 2 * lb * x[i]! - ll * grad[i]!;
    for (let a = 0; a < m; a++) {
      const h = set.halfspaces[A[a]!]!;
      const mu = v[n + a]!;
      for (let i = 0; i < n; i++) F[i]! += mu * h[i]!;
      F[n + a] = dot(h, x, n);
    }
    if (smooth.ball) F[iBall] = 0.5 * (dot(x, x, n) - set.S * set.S);
    F[iLoss] = Lx - set.tau;
    return maxAbs(F);
  };

  // Initial multipliers: least squares fit of stationarity at x0.
  {
    loss.gradient(x0, grad);
    const cols: Float64Array[] = A.map((k) => set.halfspaces[k]!);
    if (smooth.ball) cols.push(Float64Array.from(x0.subarray(0, n), (v) => -2 * v));
    cols.push(Float64Array.from(grad, (v) => -v));
    const k = cols.length;
    const N = new Float64Array(k * k);
    const rhs = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) N[i * k + j] = dot(cols[i]!, cols[j]!, n) + (i === j ? 1e-12 : 0);
      rhs[i] = -dot(cols[i]!, g, n);
    }
    if (solveDense(N, rhs, k)) u.set(rhs, n);
  }

  let fNorm = residual(u);
  const trial = new Float64Array(size);
  for (let iter = 0; iter < 50; iter++) {
    if (fNorm <= 1e-11 * scale) {
      return {
        x: u.slice(0, n),
        mu: u.slice(n, n + m),
        lambdaBall: smooth.ball ? u[iBall]! : 0,
        lambdaLoss: u[iLoss]!,
      };
    }
    // Jacobian at u (grad and the loss margins are current from the last residual call at u).
    J.fill(0);
    const x = u.subarray(0, n);
    const lb = smooth.ball ? u[iBall]! : 0;
    for (let i = 0; i < n; i++) J[i * size + i] = -2 * lb;
    loss.addHessian(-u[iLoss]!, J, size);
    for (let a = 0; a < m; a++) {
      const h = set.halfspaces[A[a]!]!;
      for (let i = 0; i < n; i++) {
        J[i * size + n + a] = h[i]!;
        J[(n + a) * size + i] = h[i]!;
      }
    }
    if (smooth.ball) {
      for (let i = 0; i < n; i++) {
        J[i * size + iBall] = -2 * x[i]!;
        J[iBall * size + i] = x[i]!;
      }
    }
    for (let i = 0; i < n; i++) {
      J[i * size + iLoss] = -grad[i]!;
      J[iLoss * size + i] = grad[i]!;
    }
    const step = Float64Array.from(F, (v) => -v);
    if (!solveDense(J, step, size)) return null;
    // Backtracking on ‖F‖∞ keeps Newton from wandering off when started far away.
    let t = 1;
    let accepted = false;
    for (let half = 0; half < 12; half++) {
      for (let i = 0; i < size; i++) trial[i] = u[i]! + t * step[i]!;
      const fTrial = residual(trial);
      if (fTrial < fNorm || fTrial <= 1e-11 * scale) {
        u.set(trial);
        fNorm = fTrial;
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) return null;
  }
  return null;
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
}

function norm(a: ArrayLike<number>, n: number): number {
  return Math.sqrt(dot(a, a, n));
}

function maxAbs(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s = Math.max(s, Math.abs(a[i]!));
  return s;
}
