import { choleskyInPlace, choleskySolveInPlace } from "../linalg/cholesky.js";
import { sigmoid, softplus } from "../model.js";
import type { NumericStatus } from "./numeric-status.js";

/** Newton steps per centering before it reports `capped`. */
export const CENTER_ITERATION_CAP = 200;
/** Central-path (outer) iterations of phase I and of phase II. */
export const PATH_ITERATION_CAP = 80;
/** Newton decrement² at which a centering is converged: the final one of phase II… */
const FINAL_DECREMENT = 1e-14;
/** …and the intermediate ones, which only need to stay near the path. */
const PATH_DECREMENT = 1e-6;
/**
 * A centering that stopped at double precision (no step made progress) still counts as centered
 * when its decrement is at most this; phase I uses the same test before trusting its duality bound.
 */
export const CENTERED_DECREMENT = 1e-6;
/** Newton decrement² of Newton's quadratic region (λ ≤ ½): a point there certifies the gap bound. */
const NEAR_CENTER_DECREMENT = 0.25;
/** Phase II is `exact` when a near-central point certified a duality gap ≤ this × its gap tolerance. */
const ACCEPTED_GAP_FACTOR = 100;
/** Barrier weight growth per outer iteration in phase I and in phase II. */
const PHASE_ONE_GROWTH = 20;
const PHASE_TWO_GROWTH = 16;
/** Backtracking halvings per Newton step, and the Armijo fraction of the decrement required. */
const LINE_SEARCH_CAP = 80;
const ARMIJO_FRACTION = 0.25;
/** Accepted steps shorter than this, with a decrement below it, TINY_STEP_RUN times in a row: at resolution. */
const TINY_STEP = 1e-3;
const TINY_STEP_RUN = 5;
/** Cholesky pivot floor of the Newton system, and the diagonal regularization ladder when it is singular. */
const NEWTON_PIVOT_FLOOR = 1e-300;
const REGULARIZATION_START = 1e-12;
const REGULARIZATION_GROWTH = 100;
const REGULARIZATION_CAP = 1;

/** How one centering ended. */
interface CenterOutcome {
  steps: number;
  /** `converged`: decrement below tolerance; `resolution`: no step makes progress any more. */
  status: "converged" | "resolution" | "capped" | "failed";
}

/** The state one centering's checkpoints read and update. */
interface Centering {
  /** The iterate (x, and σ in phase I), updated in place. */
  readonly v: Float64Array;
  /** Phase II objective direction (maximize gᵀx), or null in phase I (minimize σ). */
  readonly g: Float64Array | null;
  readonly weight: number;
  /** Variables: n + 1 in phase I, n in phase II. */
  readonly dim: number;
  /** weight·objective + barrier at v. */
  current: number;
  /** Newton decrement² of the last step. */
  decrement: number;
  /** Length of the last accepted line-search step. */
  lastStep?: number;
  steps: number;
  tinySteps: number;
}

/** Internal limits (tests use tiny caps to force `capped`). */
export interface BarrierLimits {
  /** @default CENTER_ITERATION_CAP */
  centerIterationCap?: number;
  /** @default PATH_ITERATION_CAP */
  pathIterationCap?: number;
}

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
  /**
   * Phase II: `exact` when a centering that ended near the central path (decrement ≤ ¼) certified
   * a duality gap 2m/weight ≤ 100 × the gap tolerance; otherwise `capped` when the path
   * cap ended it, `failed` when Newton broke down or stalled. Phase I reports its verdict through
   * `value` and `lowerBound` instead (always `exact` here).
   */
  status: NumericStatus;
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
  private readonly limits: Required<BarrierLimits>;
  /** Newton decrement λ² where the last centering stopped (small: it converged). */
  private lastDecrement = Infinity;

  constructor(
    private readonly set: SmoothConvexSet,
    limits: BarrierLimits = {},
  ) {
    this.limits = {
      centerIterationCap: limits.centerIterationCap ?? CENTER_ITERATION_CAP,
      pathIterationCap: limits.pathIterationCap ?? PATH_ITERATION_CAP,
    };
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
    if (maxF === -Infinity) return { x: v.slice(0, n), value: -Infinity, newtonSteps: 0, lowerBound: -Infinity, status: "exact" };
    v[n] = maxF + Math.max(1, Math.abs(maxF));
    // Start at the weight that makes the start central in σ (∂/∂σ of weight·σ + barrier = 0).
    // A fixed weight of 1 puts the first center at σ ≈ m: with hundreds of halfspaces the iterate
    // left the ball far behind and never came back within the Newton budget, so a set with a
    // wide interior was reported empty.
    let weight = this.inverseSlackSum(v);
    let steps = 0;
    let lowerBound = -Infinity;
    for (let outer = 0; outer < this.limits.pathIterationCap; outer++) {
      steps += this.center(v, null, weight, FINAL_DECREMENT).steps;
      // Comfortably inside: stop early, phase II recenters anyway.
      if (v[n]! < -1e-3) break;
      // Centering fails once the barrier's Hessian outgrows double precision (slacks ~ 1/weight
      // near a set on the edge of emptiness, typically past weight ~1e10): larger weights only
      // burn Newton steps.
      if (!(this.lastDecrement <= CENTERED_DECREMENT)) break;
      // At a center the dual gives min σ ≥ σ − m/weight.
      lowerBound = Math.max(lowerBound, v[n]! - this.m / weight);
      // Proven that no point has every f_i < −tolerance.
      if (lowerBound > -tolerance) break;
      if (this.m / weight < tolerance * 1e-2) break;
      weight *= PHASE_ONE_GROWTH;
    }
    const x = v.slice(0, n);
    return { x, value: this.maxViolation(x), newtonSteps: steps, lowerBound, status: "exact" };
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
    if (gNorm === 0) return { x: v, value: 0, newtonSteps: 0, status: "exact" };
    // Start where the objective and the barrier weigh about the same.
    let weight = this.m / (gNorm * Math.max(this.set.radius, 1e-12));
    let steps = 0;
    // The duality-gap bound of the last centering that ended near the central path: within
    // Newton's quadratic region (decrement ≤ NEAR_CENTER_DECREMENT) a point at weight w is within
    // ~2m/w of the optimum, also when the centering stalled at double precision before its own
    // tolerance (what the last, heaviest weights do).
    let certifiedGap = Infinity;
    let failed = false;
    let centerCapped = false;
    let pathCapped = true;
    for (let outer = 0; outer < this.limits.pathIterationCap; outer++) {
      const last = this.m / weight < gapTolerance;
      const outcome = this.center(v, g, weight, last ? FINAL_DECREMENT : PATH_DECREMENT);
      steps += outcome.steps;
      if (outcome.status === "failed") failed = true;
      if (outcome.status === "capped") centerCapped = true;
      else if (this.lastDecrement <= NEAR_CENTER_DECREMENT) certifiedGap = (2 * this.m) / weight;
      if (last) {
        pathCapped = false;
        break;
      }
      weight *= PHASE_TWO_GROWTH;
    }
    // Near the end the Hessian outgrows double precision and the last centerings stall above
    // the decrement test; the value is then as good as the last certified gap says.
    let status: NumericStatus = "failed";
    if (certifiedGap <= ACCEPTED_GAP_FACTOR * gapTolerance) status = "exact";
    else if (!failed && (pathCapped || centerCapped)) status = "capped";
    let value = 0;
    for (let i = 0; i < this.n; i++) value += (g[i] ?? 0) * v[i]!;
    return { x: v, value, newtonSteps: steps, status };
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

  /**
   * Damped Newton on weight·objective + barrier from `v` (updated in place), as a loop of small
   * checkpoints over one {@link Centering} state: assemble the Newton system, solve it (fail if
   * even a regularized Hessian cannot be factored), stop once the decrement is below `tolerance`,
   * else line-search (stop when no step makes progress: the iterate is at double precision).
   */
  private center(v: Float64Array, g: Float64Array | null, weight: number, tolerance: number): CenterOutcome {
    const c: Centering = {
      v,
      g,
      weight,
      dim: g === null ? this.n + 1 : this.n,
      current: this.value(v, g, weight),
      decrement: Infinity,
      steps: 0,
      tinySteps: 0,
    };
    this.lastDecrement = Infinity;
    for (let iter = 0; iter < this.limits.centerIterationCap; iter++) {
      this.assembleNewtonSystem(c);
      if (!this.solveNewtonSystem(c)) return { steps: c.steps, status: "failed" };
      this.lastDecrement = c.decrement;
      // Newton decrement² small: centered well enough (the last centering asks for more).
      if (!(c.decrement > tolerance)) return { steps: c.steps, status: "converged" };
      const progress = this.lineSearch(c);
      c.steps++;
      // A step that leaves the value unchanged is rounding noise: further ones would be too.
      if (!progress) return { steps: c.steps, status: "resolution" };
      if (this.atResolution(c)) return { steps: c.steps, status: "resolution" };
    }
    return { steps: c.steps, status: "capped" };
  }

  /** Gradient and Hessian of weight·objective + barrier at `c.v` into `grad` and `hess`. */
  private assembleNewtonSystem(c: Centering): void {
    const { n, h, hCount, z, zCount, zWeight, grad, hess, trial, lossGrad, margins } = this;
    const { v, g, weight, dim } = c;
    const phase1 = g === null;
    grad.fill(0, 0, dim);
    hess.fill(0, 0, dim * dim);
    const sigma = phase1 ? v[n]! : 0;
    if (phase1) grad[n] = weight;
    else for (let i = 0; i < n; i++) grad[i] = -weight * (g[i] ?? 0);
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
  }

  /**
   * Newton step H·Δ = −∇F into `step` and its decrement into `c.decrement`; a whisper of
   * regularization if H is numerically singular. False when even REGULARIZATION_CAP fails.
   */
  private solveNewtonSystem(c: Centering): boolean {
    const { grad, hess, factor, step } = this;
    const dim = c.dim;
    for (let i = 0; i < dim; i++) step[i] = -grad[i]!;
    factor.set(hess.subarray(0, dim * dim));
    if (!choleskyInPlace(factor, dim, NEWTON_PIVOT_FLOOR)) {
      let reg = REGULARIZATION_START;
      for (;;) {
        factor.set(hess.subarray(0, dim * dim));
        for (let i = 0; i < dim; i++) factor[i * dim + i]! += reg * (1 + Math.abs(hess[i * dim + i]!));
        if (choleskyInPlace(factor, dim, NEWTON_PIVOT_FLOOR)) break;
        reg *= REGULARIZATION_GROWTH;
        if (reg > REGULARIZATION_CAP) return false;
      }
    }
    choleskySolveInPlace(factor, dim, step);
    let decrement = 0;
    for (let i = 0; i < dim; i++) decrement -= grad[i]! * step[i]!;
    c.decrement = decrement;
    return true;
  }

  /**
   * Backtracking (Armijo) along `step`: moves `c.v` on the first acceptable step. Returns whether
   * the value strictly decreased (false: no acceptable step, or one that changed nothing).
   */
  private lineSearch(c: Centering): boolean {
    const { step, trial } = this;
    const { v, g, weight, dim, decrement } = c;
    let s = 1;
    for (let ls = 0; ls < LINE_SEARCH_CAP; ls++) {
      for (let i = 0; i < dim; i++) trial[i] = v[i]! + s * step[i]!;
      const next = this.value(trial, g, weight);
      if (next <= c.current - ARMIJO_FRACTION * s * decrement) {
        v.set(trial.subarray(0, dim));
        const improved = next < c.current;
        c.current = next;
        c.lastStep = s;
        return improved;
      }
      s *= 0.5;
    }
    return false;
  }

  /**
   * Near the center, steps the line search keeps cutting to < TINY_STEP mean the iterate sits at
   * the resolution of double precision (slacks ~1/weight): stop instead of creeping.
   */
  private atResolution(c: Centering): boolean {
    c.tinySteps = (c.lastStep ?? 1) < TINY_STEP && c.decrement < TINY_STEP ? c.tinySteps + 1 : 0;
    return c.tinySteps >= TINY_STEP_RUN;
  }
}
