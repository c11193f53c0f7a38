import { cscMultiply, cscMultiplyTransposed, symmetricUpperMultiply, type CscMatrix } from "../csc.js";
import type { CheckedProblem } from "../input/validate.js";
import type { SolverStatus } from "../status.js";
import { projectNegatedOntoCone } from "./cone-projection.js";
import { SparseKktSystem } from "./kkt-system.js";
import { NormalSystem } from "./normal-system.js";
import { equilibrate, type ScaledProblem } from "./scaling.js";
import type { ScsSettings } from "./scs-settings.js";

/** What the ADMM loop hands back (in the caller's unscaled coordinates). */
export interface AdmmOutcome {
  readonly status: SolverStatus;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly s: Float64Array;
  readonly iterations: number;
  /** Relative primal and dual residuals at the last check. */
  readonly primalResidual: number;
  readonly dualResidual: number;
}

/**
 * Douglas–Rachford splitting on the homogeneous self-dual embedding (O'Donoghue et al., SCS 3):
 * find u = (x, y, τ) ∈ ℝⁿ × K* × ℝ₊ and v = (0, s, κ) ∈ {0}ⁿ × K × ℝ₊ with v = F(u), where
 *   F(u) = [P Aᵀ q; −A 0 b; −qᵀ −bᵀ 0]·u − (0, 0, xᵀPx/τ)
 * (κ = −(xᵀPx + qᵀx + bᵀy)/τ is the duality gap, which vanishes at a solution).
 * With the metric R = diag(rx·I, ry·I, 1) each iteration is
 *   ũ = (R + F)⁻¹(R·w),   u = Π(2ũ − w),   w ← w + α·(u − ũ),
 * where the resolvent is one solve with the fixed matrix [rx·I + P, Aᵀ; −A, ry·I] for the data
 * part, and τ is the positive root of a scalar quadratic (the xᵀPx/τ term). s = ry·Π_K(−(2ũ − w))
 * comes from the same projection. τ → 0 with bᵀy < 0 or qᵀx < 0 gives the infeasibility certificates.
 */
export function runAdmm(problem: CheckedProblem, settings: ScsSettings, now: () => number): AdmmOutcome {
  const start = now();
  const { n, m } = problem;
  const scaled = equilibrate(problem, settings.equilibratePasses);
  const { P, q, b } = scaled;
  const rx = settings.rhoX;
  let ry = 1 / settings.scale;
  const N = n + m + 1;
  const w = new Float64Array(N);
  w[n + m] = 1;
  const ut = new Float64Array(N);
  const u = new Float64Array(N);
  const z = new Float64Array(N);
  const sNeg = new Float64Array(m);
  const vy = new Float64Array(m);
  let vTau = 0;
  const px = new Float64Array(n);
  const py = new Float64Array(m);
  const Pp = new Float64Array(n);
  let lin = makeLinear(scaled, rx, ry, settings.linearSystem);
  const check = new Checker(problem, scaled);
  let lastP = Infinity;
  let lastD = Infinity;
  let iter = 0;
  for (iter = 1; iter <= settings.maxIter; iter++) {
    // ũ = (R + F)⁻¹ R w
    for (let i = 0; i < n; i++) px[i] = rx * w[i]!;
    for (let i = 0; i < m; i++) py[i] = ry * w[n + i]!;
    lin.system.solve(px, py);
    symmetricUpperMultiply(P, px, Pp);
    const a = lin.a;
    // τ·(R + F)_τ = τ·w_τ with (x, y) = p − τ·r is a·τ² − β·τ − pₓᵀPpₓ = 0; a ≥ 1, so the
    // root below is the only nonnegative one.
    const beta = w[n + m]! + dot(q, px) + dot(b, py) - 2 * dot(lin.rx, Pp);
    const gamma = dot(px, Pp);
    const tau = (beta + Math.sqrt(Math.max(0, beta * beta + 4 * a * gamma))) / (2 * a);
    for (let i = 0; i < n; i++) ut[i] = px[i]! - tau * lin.rx[i]!;
    for (let i = 0; i < m; i++) ut[n + i] = py[i]! - tau * lin.ry[i]!;
    ut[n + m] = tau;
    // u = Π(2ũ − w), v = R(u − (2ũ − w))
    for (let i = 0; i < N; i++) z[i] = 2 * ut[i]! - w[i]!;
    projectNegatedOntoCone(problem.cones, z.subarray(n, n + m), sNeg);
    for (let i = 0; i < n; i++) u[i] = z[i]!;
    for (let i = 0; i < m; i++) {
      u[n + i] = z[n + i]! + sNeg[i]!;
      vy[i] = ry * sNeg[i]!;
    }
    u[n + m] = Math.max(0, z[n + m]!);
    vTau = u[n + m]! - z[n + m]!;
    for (let i = 0; i < N; i++) w[i]! += settings.alpha * (u[i]! - ut[i]!);

    const last = iter === settings.maxIter;
    if (iter % settings.checkInterval !== 0 && !last) continue;
    const verdict = check.evaluate(u, vy, vTau, settings);
    if (verdict.status) return { ...verdict.outcome!, status: verdict.status, iterations: iter };
    lastP = verdict.relPrimal;
    lastD = verdict.relDual;
    if (now() - start > settings.timeLimitMs) {
      return { ...check.estimate(u, vy), status: "max_time", iterations: iter, primalResidual: lastP, dualResidual: lastD };
    }
    // Rebalance the penalty on Ax + s = b when one residual lags far behind the other
    // (w is re-expressed for the new metric from the current u and v, so the iteration is consistent).
    if (settings.adaptiveScale && iter % 100 === 0 && Number.isFinite(lastP) && lastP > 0 && lastD > 0) {
      const ratio = Math.sqrt(lastD / lastP);
      if (ratio > 3 || ratio < 1 / 3) {
        const next = Math.min(1e6, Math.max(1e-6, ry * ratio));
        if (next !== ry) {
          ry = next;
          lin = makeLinear(scaled, rx, ry, settings.linearSystem);
          for (let i = 0; i < m; i++) w[n + i] = u[n + i]! + vy[i]! / ry;
          w[n + m] = u[n + m]! + vTau;
          for (let i = 0; i < n; i++) w[i] = u[i]!;
        }
      }
    }
  }
  return { ...check.estimate(u, vy), status: "max_iterations", iterations: settings.maxIter, primalResidual: lastP, dualResidual: lastD };
}

/** The factored system and r = K̃⁻¹(q, b) with the scalar a = 1 + (q, b)ᵀr − rₓᵀP rₓ of the τ quadratic. */
function makeLinear(scaled: ScaledProblem, rxWeight: number, ry: number, kind: ScsSettings["linearSystem"]) {
  const system =
    kind === "dense" ? new NormalSystem(scaled.A, scaled.P, rxWeight, ry) : new SparseKktSystem(scaled.A, scaled.P, rxWeight, ry);
  const rx = Float64Array.from(scaled.q);
  const rY = Float64Array.from(scaled.b);
  system.solve(rx, rY);
  const Pr = new Float64Array(rx.length);
  symmetricUpperMultiply(scaled.P, rx, Pr);
  // a = 1 + rₓᵀRₓrₓ + r_yᵀR_y r_y ≥ 1 (the symmetric part of the system matrix is R + diag(P, 0)).
  const a = 1 + dot(scaled.q, rx) + dot(scaled.b, rY) - dot(rx, Pr);
  return { system, rx, ry: rY, a };
}

function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function normInf(v: ArrayLike<number>): number {
  let mx = 0;
  for (let i = 0; i < v.length; i++) mx = Math.max(mx, Math.abs(v[i]!));
  return mx;
}

/** ‖|M|·|v|‖∞ (or ‖|M|ᵀ·|v|‖∞), with `symmetric` for an upper triangle standing for the whole matrix. */
function absProductNorm(M: CscMatrix, v: Float64Array, transposed: boolean, symmetric = false): number {
  const out = new Float64Array(transposed ? M.ncols : M.nrows);
  for (let j = 0; j < M.ncols; j++) {
    for (let p = M.colPtr[j]!; p < M.colPtr[j + 1]!; p++) {
      const i = M.rowIdx[p]!;
      const a = Math.abs(M.values[p]!);
      if (transposed) out[j]! += a * Math.abs(v[i]!);
      else out[i]! += a * Math.abs(v[j]!);
      if (symmetric && i !== j) out[j]! += a * Math.abs(v[i]!);
    }
  }
  return normInf(out);
}

interface Verdict {
  status: SolverStatus | null;
  outcome?: Omit<AdmmOutcome, "status" | "iterations">;
  relPrimal: number;
  relDual: number;
}

/** Termination tests on unscaled quantities (the same relative measures the conformance suite uses). */
class Checker {
  private readonly n: number;
  private readonly m: number;
  private readonly Ax: Float64Array;
  private readonly Px: Float64Array;
  private readonly Aty: Float64Array;

  constructor(
    private readonly problem: CheckedProblem,
    private readonly scaled: ScaledProblem,
  ) {
    this.n = problem.n;
    this.m = problem.m;
    this.Ax = new Float64Array(problem.m);
    this.Px = new Float64Array(problem.n);
    this.Aty = new Float64Array(problem.n);
  }

  /** Unscaled (x, y, s) = (E·uₓ, D·u_y, D⁻¹·v_y) without dividing by τ. */
  private unscale(u: Float64Array, vy: Float64Array) {
    const { n, m } = this;
    const { D, E } = this.scaled;
    const x = new Float64Array(n);
    const y = new Float64Array(m);
    const s = new Float64Array(m);
    for (let i = 0; i < n; i++) x[i] = E[i]! * u[i]!;
    for (let i = 0; i < m; i++) {
      y[i] = D[i]! * u[n + i]!;
      s[i] = vy[i]! / D[i]!;
    }
    return { x, y, s };
  }

  /** The current point as a solution estimate (for max_iterations / max_time). */
  estimate(u: Float64Array, vy: Float64Array) {
    const tau = u[this.n + this.m]!;
    const { x, y, s } = this.unscale(u, vy);
    const inv = tau > 0 ? 1 / tau : NaN;
    return { x: x.map((v) => v * inv), y: y.map((v) => v * inv), s: s.map((v) => v * inv) };
  }

  evaluate(u: Float64Array, vy: Float64Array, kappa: number, st: ScsSettings): Verdict {
    const { problem, Ax, Px, Aty, n, m } = this;
    const tau = u[n + m]!;
    const raw = this.unscale(u, vy);
    let relPrimal = Infinity;
    let relDual = Infinity;
    if (tau > 0) {
      const inv = 1 / tau;
      const x = raw.x.map((v) => v * inv);
      const y = raw.y.map((v) => v * inv);
      const s = raw.s.map((v) => v * inv);
      cscMultiply(problem.A, x, Ax);
      symmetricUpperMultiply(problem.P, x, Px);
      cscMultiplyTransposed(problem.A, y, Aty);
      let pres = 0;
      for (let i = 0; i < m; i++) pres = Math.max(pres, Math.abs(Ax[i]! + s[i]! - problem.b[i]!));
      let dres = 0;
      for (let i = 0; i < n; i++) dres = Math.max(dres, Math.abs(Px[i]! + problem.q[i]! + Aty[i]!));
      // The same tests on the equilibrated rows and columns as well: one norm over all rows
      // would let a row of tiny entries (1e-8·x₁ ≤ 1e-8) go unchecked next to rows of size 1e4.
      const { D, E } = this.scaled;
      let presScaled = 0;
      let pScaleScaled = 0;
      for (let i = 0; i < m; i++) {
        presScaled = Math.max(presScaled, D[i]! * Math.abs(Ax[i]! + s[i]! - problem.b[i]!));
        pScaleScaled = Math.max(pScaleScaled, D[i]! * Math.abs(Ax[i]!), D[i]! * Math.abs(s[i]!), D[i]! * Math.abs(problem.b[i]!));
      }
      let dresScaled = 0;
      let dScaleScaled = 0;
      for (let i = 0; i < n; i++) {
        dresScaled = Math.max(dresScaled, E[i]! * Math.abs(Px[i]! + problem.q[i]! + Aty[i]!));
        dScaleScaled = Math.max(dScaleScaled, E[i]! * Math.abs(Px[i]!), E[i]! * Math.abs(Aty[i]!), E[i]! * Math.abs(problem.q[i]!));
      }
      const pScale = Math.max(normInf(Ax), normInf(s), normInf(problem.b));
      const dScale = Math.max(normInf(Px), normInf(Aty), normInf(problem.q));
      relPrimal = pres / (1 + pScale);
      relDual = dres / (1 + dScale);
      const xPx = dot(x, Px);
      const qx = dot(problem.q, x);
      const by = dot(problem.b, y);
      const gap = Math.abs(xPx + qx + by);
      const gScale = Math.max(Math.abs(xPx), Math.abs(qx), Math.abs(by));
      if (
        pres <= st.epsAbs + st.epsRel * pScale &&
        dres <= st.epsAbs + st.epsRel * dScale &&
        presScaled <= st.epsAbs + st.epsRel * pScaleScaled &&
        dresScaled <= st.epsAbs + st.epsRel * dScaleScaled &&
        gap <= st.epsAbs + st.epsRel * gScale
      ) {
        return { status: "solved", outcome: { x, y, s, primalResidual: relPrimal, dualResidual: relDual }, relPrimal, relDual };
      }
    }
    // Certificates, normalized as the conformance suite normalizes them.
    const by = dot(problem.b, raw.y);
    if (by < 0) {
      const y = raw.y.map((v) => v / -by);
      cscMultiplyTransposed(problem.A, y, Aty);
      if (normInf(Aty) <= st.epsInfeasible * (1 + absProductNorm(problem.A, y, true))) {
        const nan = (k: number) => new Float64Array(k).fill(NaN);
        return {
          status: "primal_infeasible",
          outcome: { x: nan(n), y, s: nan(m), primalResidual: relPrimal, dualResidual: relDual },
          relPrimal,
          relDual,
        };
      }
    }
    const qx = dot(problem.q, raw.x);
    if (qx < 0) {
      const x = raw.x.map((v) => v / -qx);
      const s = raw.s.map((v) => v / -qx);
      cscMultiply(problem.A, x, Ax);
      symmetricUpperMultiply(problem.P, x, Px);
      let res = 0;
      for (let i = 0; i < m; i++) res = Math.max(res, Math.abs(Ax[i]! + s[i]!));
      // Judged against the size of the summed terms, ‖|A|·|x|‖∞: ‖A‖·‖x‖ would accept a wrong ray on badly scaled data.
      const scale = 1 + absProductNorm(problem.A, x, false);
      if (res <= st.epsInfeasible * scale && normInf(Px) <= st.epsInfeasible * (1 + absProductNorm(problem.P, x, false, true))) {
        return {
          status: "dual_infeasible",
          outcome: { x, y: new Float64Array(m).fill(NaN), s, primalResidual: relPrimal, dualResidual: relDual },
          relPrimal,
          relDual,
        };
      }
    }
    void kappa;
    return { status: null, relPrimal, relDual };
  }
}
