import { choleskyInPlace, choleskySolveInPlace } from "../linalg/cholesky.js";
import { sigmoid, softplus } from "../model.js";

/**
 * A convex set in R^n described by the three kinds of constraint a confidence set has:
 * ‖x‖ ≤ radius, ⟨h_k, x⟩ ≥ 0 and Σ_k w_k·softplus(−⟨ẑ_k, x⟩) ≤ lossLevel. Rows may be shorter
 * than n (the missing entries are zero).
 */
export interface SmoothConvexSet {
  readonly n: number;
  readonly radius: number;
  readonly halfspaces: readonly Float64Array[];
  readonly lossRows: readonly Float64Array[];
  /** w_k, the multiplicity of each loss row (a comparison that is in the history w_k times). @default 1 for every row */
  readonly lossWeights?: readonly number[];
  readonly lossLevel: number | null;
}

/** Outcome of a barrier run. */
export interface BarrierResult {
  x: Float64Array;
  /**
   * Phase I: the largest halfspace or loss constraint value at the point found, which is strictly
   * inside the ball (so it is inside the set iff value < 0). Phase II: gᵀx.
   */
  value: number;
  newtonSteps: number;
}

/** Outcome of phase I. */
export interface PhaseOneResult extends BarrierResult {
  /**
   * A lower bound on min_x max_i f_i(x) (over the ball) from duality, σ − m/weight at the best
   * converged center, or −∞ when no centering converged. A bound ≥ −ε proves that no point of the
   * ball has every halfspace and loss slack above ε.
   */
  lowerBound: number;
}

/**
 * Log-barrier interior-point solver for a {@link SmoothConvexSet}: phase I finds an interior point,
 * phase II maximizes a linear objective along the central path. Rows are packed into dense
 * row-major matrices and every buffer is allocated once, because one step solves the same set for
 * every candidate.
 */
export class BarrierSolver {
  private readonly n: number;
  private readonly h: Float64Array;
  private readonly hCount: number;
  private readonly z: Float64Array;
  private readonly zCount: number;
  private readonly zWeight: Float64Array;
  private readonly m: number;
  // Scratch, sized for phase I's n + 1 variables.
  private readonly grad: Float64Array;
  private readonly hess: Float64Array;
  private readonly factor: Float64Array;
  private readonly step: Float64Array;
  private readonly trial: Float64Array;
  private readonly lossGrad: Float64Array;
  private readonly margins: Float64Array;
  private centerTolerance = 1e-14;
  /** Newton decrement λ² where the last centering stopped (small: it converged). */
  private lastDecrement = Infinity;

  constructor(private readonly set: SmoothConvexSet) {
    const n = set.n;
    this.n = n;
    const pack = (rows: readonly Float64Array[]) => {
      const out = new Float64Array(rows.length * n);
      rows.forEach((r, k) => out.set(r.subarray(0, Math.min(r.length, n)), k * n));
      return out;
    };
    this.h = pack(set.halfspaces);
    this.hCount = set.halfspaces.length;
    this.z = pack(set.lossRows);
    this.zCount = set.lossRows.length;
    this.zWeight = Float64Array.from(set.lossRows, (_, k) => set.lossWeights?.[k] ?? 1);
    this.m = 1 + this.hCount + (set.lossLevel === null ? 0 : 1);
    const dim = n + 1;
    this.grad = new Float64Array(dim);
    this.hess = new Float64Array(dim * dim);
    this.factor = new Float64Array(dim * dim);
    this.step = new Float64Array(dim);
    this.trial = new Float64Array(dim);
    this.lossGrad = new Float64Array(n);
    this.margins = new Float64Array(this.zCount);
  }

  /**
   * The largest constraint value max_i f_i(x) over the halfspaces and the loss (f_i ≤ 0 defines
   * the set; −∞ when there are neither). The ball is left out: every iterate is strictly inside it.
   */
  maxViolation(x: Float64Array): number {
    const { n, h, hCount } = this;
    let worst = -Infinity;
    for (let k = 0; k < hCount; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += h[k * n + i]! * x[i]!;
      worst = Math.max(worst, -s);
    }
    if (this.set.lossLevel !== null) worst = Math.max(worst, this.loss(x) - this.set.lossLevel);
    return worst;
  }

  /**
   * Phase I: finds a point strictly inside the set by minimizing σ subject to f_i(x) ≤ σ for the
   * halfspaces and the loss and ‖x‖ < R (a start outside half the radius is pulled in), until
   * the point is comfortably inside (σ < −1e-3), the duality bound proves min σ > −`tolerance`,
   * the gap m/weight is below `tolerance`·1e-2, or a centering fails to converge. `value` < 0
   * means `x` is strictly inside; `lowerBound` is the best duality bound on min σ from a converged
   * center (−∞ when none converged and the run proves nothing).
   */
  findInteriorPoint(start: Float64Array, tolerance = 1e-10): PhaseOneResult {
    const n = this.n;
    const v = new Float64Array(n + 1);
    v.set(start.subarray(0, n));
    // The ball stays a hard constraint: relaxing it by σ too let the iterate leave the ball and
    // crawl back along the paraboloid σ = ‖x‖² − R² in thousands of short Newton steps.
    let sq = 0;
    for (let i = 0; i < n; i++) sq += v[i]! * v[i]!;
    const radius = this.set.radius;
    if (!(sq < 0.25 * radius * radius)) {
      const scale = sq > 0 ? (0.5 * radius) / Math.sqrt(sq) : 0;
      for (let i = 0; i < n; i++) v[i]! *= scale;
    }
    const maxF = this.maxViolation(v);
    if (maxF === -Infinity) return { x: v.slice(0, n), value: -Infinity, newtonSteps: 0, lowerBound: -Infinity };
    v[n] = maxF + Math.max(1, Math.abs(maxF));
    // Start at the weight that makes the start central in σ (∂/∂σ of weight·σ + barrier = 0).
    // A fixed weight of 1 puts the first center at σ ≈ m: with hundreds of halfspaces the iterate
    // left the ball far behind and never came back within the Newton budget, so a set with a
    // wide interior was reported empty.
    let weight = this.inverseSlackSum(v);
    let steps = 0;
    let lowerBound = -Infinity;
    for (let outer = 0; outer < 80; outer++) {
      steps += this.center(v, null, weight);
      // Comfortably inside: stop early, phase II recenters anyway.
      if (v[n]! < -1e-3) break;
      // Centering fails once the barrier's Hessian outgrows double precision (slacks ~ 1/weight
      // near a set on the edge of emptiness, typically past weight ~1e10): larger weights only
      // burn Newton steps.
      if (!(this.lastDecrement <= 1e-6)) break;
      // At a center the dual gives min σ ≥ σ − m/weight.
      lowerBound = Math.max(lowerBound, v[n]! - this.m / weight);
      // Proven that no point has every f_i < −tolerance.
      if (lowerBound > -tolerance) break;
      if (this.m / weight < tolerance * 1e-2) break;
      weight *= 20;
    }
    const x = v.slice(0, n);
    return { x, value: this.maxViolation(x), newtonSteps: steps, lowerBound };
  }

  /** Σ 1/slack_i over the constraints relaxed by σ = v[n] (all slacks positive by construction). */
  private inverseSlackSum(v: Float64Array): number {
    const { n, h, hCount } = this;
    const sigma = v[n]!;
    let total = 0;
    for (let k = 0; k < hCount; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += h[k * n + i]! * v[i]!;
      total += 1 / (sigma + s);
    }
    if (this.set.lossLevel !== null) total += 1 / (sigma - (this.loss(v) - this.set.lossLevel));
    return total;
  }

  /**
   * Phase II: maximizes gᵀx from a strictly interior `start`, following the central path until
   * the duality-gap bound m/weight is below `gapTolerance`.
   */
  maximize(g: Float64Array, start: Float64Array, gapTolerance = 1e-11): BarrierResult {
    const v = Float64Array.from(start);
    let gNorm = 0;
    for (let i = 0; i < g.length; i++) gNorm += g[i]! * g[i]!;
    gNorm = Math.sqrt(gNorm);
    if (gNorm === 0) return { x: v, value: 0, newtonSteps: 0 };
    // Start where the objective and the barrier weigh about the same.
    let weight = this.m / (gNorm * Math.max(this.set.radius, 1e-12));
    let steps = 0;
    for (let outer = 0; outer < 80; outer++) {
      const last = this.m / weight < gapTolerance;
      this.centerTolerance = last ? 1e-14 : 1e-6;
      steps += this.center(v, g, weight);
      if (last) break;
      weight *= 16;
    }
    this.centerTolerance = 1e-14;
    let value = 0;
    for (let i = 0; i < this.n; i++) value += (g[i] ?? 0) * v[i]!;
    return { x: v, value, newtonSteps: steps };
  }

  private loss(x: Float64Array): number {
    const { n, z, zCount, zWeight } = this;
    let total = 0;
    for (let k = 0; k < zCount; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += z[k * n + i]! * x[i]!;
      total += zWeight[k]! * softplus(-s);
    }
    return total;
  }

  /**
   * weight·objective + barrier, or Infinity outside the domain. Phase I (g = null): objective σ
   * over (x, σ) with the halfspace and loss constraints relaxed to f_i(x) ≤ σ and the ball kept;
   * phase II: −gᵀx with σ ≡ 0.
   */
  private value(v: Float64Array, g: Float64Array | null, weight: number): number {
    const { n, h, hCount } = this;
    const phase1 = g === null;
    const sigma = phase1 ? v[n]! : 0;
    let sq = 0;
    for (let i = 0; i < n; i++) sq += v[i]! * v[i]!;
    // The ball is never relaxed (see findInteriorPoint).
    let slack = this.set.radius * this.set.radius - sq;
    if (!(slack > 0)) return Infinity;
    let barrier = -Math.log(slack);
    for (let k = 0; k < hCount; k++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += h[k * n + i]! * v[i]!;
      slack = sigma + s;
      if (!(slack > 0)) return Infinity;
      barrier -= Math.log(slack);
    }
    if (this.set.lossLevel !== null) {
      slack = sigma - (this.loss(v) - this.set.lossLevel);
      if (!(slack > 0)) return Infinity;
      barrier -= Math.log(slack);
    }
    let objective = sigma;
    if (!phase1) {
      objective = 0;
      for (let i = 0; i < n; i++) objective -= (g[i] ?? 0) * v[i]!;
    }
    return weight * objective + barrier;
  }

  /** Damped Newton on weight·objective + barrier from `v` (updated in place). */
  private center(v: Float64Array, g: Float64Array | null, weight: number): number {
    const { n, h, hCount, z, zCount, zWeight, grad, hess, factor, step, trial, lossGrad, margins } = this;
    const phase1 = g === null;
    const dim = phase1 ? n + 1 : n;
    let current = this.value(v, g, weight);
    this.lastDecrement = Infinity;
    let steps = 0;
    let tinySteps = 0;
    for (let iter = 0; iter < 200; iter++) {
      grad.fill(0, 0, dim);
      hess.fill(0, 0, dim * dim);
      const sigma = phase1 ? v[n]! : 0;
      if (phase1) grad[n] = weight;
      else for (let i = 0; i < n; i++) grad[i] = -weight * (g![i] ?? 0);
      // A constraint with gradient a (in x) and slack s contributes a/s to the gradient and
      // a·aᵀ/s² to the Hessian; if relaxed by σ (phase I) also −1/s to σ's gradient and the
      // mixed terms.
      const addTerm = (a: Float64Array, offset: number, s: number, relaxed: boolean) => {
        const inv = 1 / s;
        const inv2 = inv * inv;
        for (let i = 0; i < n; i++) {
          const ai = a[offset + i]!;
          if (ai === 0) continue;
          grad[i]! += ai * inv;
          const row = i * dim;
          const w = ai * inv2;
          for (let j = 0; j < n; j++) hess[row + j]! += w * a[offset + j]!;
          if (relaxed) {
            hess[row + n]! -= w;
            hess[n * dim + i]! -= w;
          }
        }
        if (relaxed) {
          grad[n]! -= inv;
          hess[n * dim + n]! += inv2;
        }
      };
      // Ball: f = ‖x‖² − R², ∇f = 2x, ∇²f = 2I.
      let sq = 0;
      for (let i = 0; i < n; i++) {
        sq += v[i]! * v[i]!;
        trial[i] = 2 * v[i]!;
      }
      const sBall = this.set.radius * this.set.radius - sq;
      addTerm(trial, 0, sBall, false);
      for (let i = 0; i < n; i++) hess[i * dim + i]! += 2 / sBall;
      // Halfspaces: f = −⟨h, x⟩, ∇f = −h (the sign cancels in a·aᵀ).
      for (let k = 0; k < hCount; k++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += h[k * n + i]! * v[i]!;
        const slack = sigma + s;
        const inv = 1 / slack;
        const inv2 = inv * inv;
        for (let i = 0; i < n; i++) {
          const hi = h[k * n + i]!;
          if (hi === 0) continue;
          grad[i]! -= hi * inv;
          const row = i * dim;
          const w = hi * inv2;
          for (let j = 0; j < n; j++) hess[row + j]! += w * h[k * n + j]!;
          if (phase1) {
            hess[row + n]! += w;
            hess[n * dim + i]! += w;
          }
        }
        if (phase1) {
          grad[n]! -= inv;
          hess[n * dim + n]! += inv2;
        }
      }
      // Loss: f = L(x) − τ, ∇f = −Σ w_k·σ(−m_k)ẑ_k, ∇²f = Σ w_k·σ(m_k)σ(−m_k)ẑ_kẑ_kᵀ.
      if (this.set.lossLevel !== null) {
        lossGrad.fill(0);
        let loss = 0;
        for (let k = 0; k < zCount; k++) {
          let s = 0;
          for (let i = 0; i < n; i++) s += z[k * n + i]! * v[i]!;
          margins[k] = s;
          loss += zWeight[k]! * softplus(-s);
        }
        const sLoss = sigma - (loss - this.set.lossLevel);
        for (let k = 0; k < zCount; k++) {
          const q = sigmoid(-margins[k]!);
          const p = zWeight[k]! * q;
          const w = (p * (1 - q)) / sLoss;
          for (let i = 0; i < n; i++) {
            const zi = z[k * n + i]!;
            if (zi === 0) continue;
            lossGrad[i]! -= p * zi;
            const wi = w * zi;
            const row = i * dim;
            for (let j = 0; j < n; j++) hess[row + j]! += wi * z[k * n + j]!;
          }
        }
        addTerm(lossGrad, 0, sLoss, phase1);
      }
      // Newton step H·Δ = −∇F (a whisper of regularization if H is numerically singular).
      for (let i = 0; i < dim; i++) step[i] = -grad[i]!;
      factor.set(hess.subarray(0, dim * dim));
      if (!choleskyInPlace(factor, dim, 1e-300)) {
        let reg = 1e-12;
        for (;;) {
          factor.set(hess.subarray(0, dim * dim));
          for (let i = 0; i < dim; i++) factor[i * dim + i]! += reg * (1 + Math.abs(hess[i * dim + i]!));
          if (choleskyInPlace(factor, dim, 1e-300)) break;
          reg *= 100;
          if (reg > 1) return steps;
        }
      }
      choleskySolveInPlace(factor, dim, step);
      let decrement = 0;
      for (let i = 0; i < dim; i++) decrement -= grad[i]! * step[i]!;
      // Newton decrement² small: centered well enough (the last centering asks for more).
      this.lastDecrement = decrement;
      if (!(decrement > this.centerTolerance)) break;
      let s = 1;
      let accepted = false;
      let improved = false;
      for (let ls = 0; ls < 80; ls++) {
        for (let i = 0; i < dim; i++) trial[i] = v[i]! + s * step[i]!;
        const next = this.value(trial, g, weight);
        if (next <= current - 0.25 * s * decrement) {
          v.set(trial.subarray(0, dim));
          improved = next < current;
          current = next;
          accepted = true;
          break;
        }
        s *= 0.5;
      }
      steps++;
      // A step that leaves the value unchanged is rounding noise: further ones would be too.
      if (!accepted || !improved) break;
      // Near the center, steps the line search keeps cutting to < 1e-3 mean the iterate sits at
      // the resolution of double precision (slacks ~1/weight): stop instead of creeping.
      tinySteps = s < 1e-3 && decrement < 1e-3 ? tinySteps + 1 : 0;
      if (tinySteps >= 5) break;
    }
    return steps;
  }
}
