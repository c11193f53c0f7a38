import { choleskyExtend, choleskyInPlace, choleskySolveInPlace } from "../linalg/cholesky.js";
import type { ReducedRows } from "../logistic-loss.js";
import type { NumericStatus } from "./numeric-status.js";

/** Dual values w_k above this × ‖a‖·‖ẑ_k‖ still enter the passive set (below: KKT holds). */
export const DUAL_TOLERANCE = 1e-12;
/** Relative slack added to every upper bound so that rounding never makes it too small. */
const BOUND_SLACK = 1e-12;
/** Cholesky pivot floor of the passive Gram blocks, relative to their largest diagonal entry. */
const PIVOT_FLOOR = 1e-13;
/** Multipliers below this × (1 + entering dual) leave the passive set. */
const ZERO_MULTIPLIER = 1e-15;

/** Iteration caps of the Lawson–Hanson loops (internal: tests shrink them to force `capped`). */
export interface ConeProjectionLimits {
  /** Outer iterations (indices entering) for t rows. @default 3t + 10 */
  outerCap(t: number): number;
  /** Inner iterations (indices leaving) per outer one. @default t + 5 */
  innerCap(t: number): number;
}

/** The default caps: Lawson–Hanson finishes in far fewer steps on every problem we have seen. */
export const CONE_PROJECTION_LIMITS: ConeProjectionLimits = { outerCap: (t) => 3 * t + 10, innerCap: (t) => t + 5 };

/** What one projection's checkpoints share. */
interface ProjectionRun {
  readonly aSq: number;
  readonly aNorm: number;
  /** Absolute slack on bounds. */
  readonly slack: number;
  iterations: number;
  /** The dual value of the last entering index (scales the zero test of the inner loop). */
  enteredDual: number;
  /** Whether the last inner loop ended on the passive least-squares solution. */
  passiveSolved: boolean;
  /** A passive solve broke down inside the last inner loop. */
  failed: boolean;
}

/** The halfspace system Ẑα ≥ 0 with its Gram matrix G = ẐẐᵀ (shared by every candidate). */
export interface HalfspaceSystem {
  readonly rows: ReducedRows;
  /** G_kl = ⟨ẑ_k, ẑ_l⟩ at `gram[k * gramStride + l]`. */
  readonly gram: Float64Array;
  readonly gramStride: number;
}

/** Result of a cone projection. */
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
  /**
   * `exact` when the active-set loop ended on its KKT test with the passive least-squares solution;
   * `capped` when an iteration cap ended it; `failed` when a passive solve broke down. Pruned
   * results report `exact` (their bound is valid whatever the iterate).
   */
  status: NumericStatus;
}

/**
 * Projects vectors onto the polyhedral cone C = {α : ⟨ẑ_k, α⟩ ≥ 0 ∀k} (method.md "structure"). By
 * Moreau's decomposition Π_C(a) = a + Ẑᵀμ*, where μ* = argmin_{μ ≥ 0} ‖a + Ẑᵀμ‖² — a nonnegative
 * least squares problem in t variables, solved exactly by the Lawson–Hanson active-set method on the
 * shared Gram matrix. One projector serves every candidate of a step and reuses its buffers.
 *
 * Every feasible iterate μ ≥ 0 gives ‖a + Ẑᵀμ‖ ≥ ‖Π_C(a)‖ (−Ẑᵀμ lies in the polar cone and Π_C(a) is
 * the residual of the closest polar point), so the caller's `canStop(upper)` is consulted after
 * every step and ends the work as soon as the candidate cannot win.
 */
export class ConeProjector {
  private readonly t: number;
  private readonly mu: Float64Array;
  private readonly b: Float64Array;
  private readonly rowNorm: Float64Array;
  private readonly inP: Uint8Array;
  private readonly blocked: Uint8Array;
  private readonly passive: Int32Array;
  private readonly matrix: Float64Array;
  /** Cholesky factor of G over the passive set (rows t apart), valid for its first `factoredRows` indices. */
  private readonly passiveFactor: Float64Array;
  private readonly pivots: Float64Array;
  private factoredRows = 0;
  private readonly rhs: Float64Array;
  private readonly gmu: Float64Array;
  private v: Float64Array;
  private passiveCount = 0;
  /** Passive set of the last completed projection: the next one starts from it. */
  private readonly warmSet: Int32Array;
  private warmCount = 0;
  /** Cholesky factor of G on the warm set: every candidate's first solve reuses it (O(p²)). */
  private readonly warmFactor: Float64Array;
  private warmFactorValid = false;

  constructor(
    private readonly system: HalfspaceSystem,
    private readonly limits: ConeProjectionLimits = CONE_PROJECTION_LIMITS,
  ) {
    const t = system.rows.count;
    this.t = t;
    this.mu = new Float64Array(t);
    this.b = new Float64Array(t);
    this.rowNorm = new Float64Array(t);
    for (let k = 0; k < t; k++) this.rowNorm[k] = Math.sqrt(system.gram[k * system.gramStride + k]!);
    this.inP = new Uint8Array(t);
    this.blocked = new Uint8Array(t);
    this.passive = new Int32Array(t);
    this.matrix = new Float64Array(t * t);
    this.passiveFactor = new Float64Array(t * t);
    this.pivots = new Float64Array(t);
    this.rhs = new Float64Array(t);
    this.gmu = new Float64Array(t);
    this.v = new Float64Array(Math.max(t, 1));
    this.warmSet = new Int32Array(t);
    this.warmFactor = new Float64Array(t * t);
  }

  /**
   * Π_C(a) for `a` of length n. `dots`, if given, holds ⟨ẑ_k, a⟩ for every k (saves O(t·n)).
   * The Lawson–Hanson loop runs as checkpoints over the projector's state: bound (may prune),
   * enter the most violated dual index (or finish), restore μ > 0 on the passive set; then one
   * refinement against the residual.
   */
  project(a: Float64Array, n: number, dots?: Float64Array, canStop?: (upperNormSq: number) => boolean): ConeProjection {
    const { t, b } = this;
    const { rows } = this.system;
    let aSq = 0;
    for (let i = 0; i < n; i++) aSq += a[i]! * a[i]!;
    if (dots) b.set(dots.subarray(0, t));
    else {
      for (let k = 0; k < t; k++) {
        const z = rows.row(k);
        let s = 0;
        for (let i = 0; i < z.length; i++) s += z[i]! * a[i]!;
        b[k] = s;
      }
    }
    const run: ProjectionRun = {
      aSq,
      aNorm: Math.sqrt(aSq),
      slack: BOUND_SLACK * aSq + 1e-300,
      iterations: 0,
      enteredDual: 0,
      passiveSolved: true,
      failed: false,
    };
    // Every bound carries at least `slack`. When even that cannot settle the candidate (B ≈ 0,
    // where all V ≥ 0 tie within the tolerance and only an exact ~0 loses to a lower index, or a
    // candidate of lower index than the incumbent) no bound can: solve exactly without them.
    const stop = canStop?.(run.slack) ? canStop : undefined;
    // Warm start: the candidates of one step share most of their active constraints (the ones
    // y⁽¹⁾ won carry −φ(y⁽¹⁾), common to every c_j), so begin on the previous passive set.
    if (stop && this.solveOnWarmFactor(b)) {
      const upper = this.boundFromWarmStart(n, aSq, run.slack, stop);
      if (upper !== null) return this.pruned(upper, run);
    }
    this.startFromWarmSet(run);
    let status: NumericStatus = "capped";
    for (let outer = 0; outer < this.limits.outerCap(t); outer++) {
      if (stop) {
        const upper = this.objective(aSq) + run.slack;
        if (stop(upper)) return this.pruned(upper, run);
      }
      const entered = this.checkpointEnter(run);
      if (entered === "optimal") {
        status = run.failed ? "failed" : run.passiveSolved ? "exact" : "capped";
        break;
      }
      if (entered === "blocked") continue;
      this.checkpointFeasible(run);
    }
    const normSq = this.refine(a, n);
    this.keepWarmSet();
    return { normSq, pruned: false, upperNormSq: normSq, iterations: run.iterations, mu: this.mu.slice(), status };
  }

  private pruned(upper: number, run: ProjectionRun): ConeProjection {
    return { normSq: NaN, pruned: true, upperNormSq: upper, iterations: run.iterations, mu: this.mu, status: "exact" };
  }

  /**
   * Begins on the previous projection's passive set. From μ = 0 the Lawson–Hanson inner loop
   * simply drops the indices whose solution is not positive until the rest is; that is a valid
   * starting state, and usually already (near) optimal.
   */
  private startFromWarmSet(run: ProjectionRun): void {
    const { mu, inP, blocked, passive } = this;
    mu.fill(0);
    inP.fill(0);
    blocked.fill(0);
    this.passiveCount = 0;
    this.factoredRows = 0;
    if (this.warmCount === 0) return;
    passive.set(this.warmSet.subarray(0, this.warmCount));
    let p = this.warmCount;
    while (p > 0) {
      if (!this.solvePassive(p)) {
        p = 0;
        this.factoredRows = 0;
        break;
      }
      run.iterations++;
      let kept = 0;
      for (let i = 0; i < p; i++) {
        if (this.rhs[i]! > 0) passive[kept++] = passive[i]!;
        else this.factoredRows = Math.min(this.factoredRows, i);
      }
      if (kept === p) break;
      p = kept;
    }
    this.passiveCount = p;
    for (let i = 0; i < p; i++) {
      mu[passive[i]!] = this.rhs[i]!;
      inP[passive[i]!] = 1;
    }
  }

  /** ‖a + Ẑᵀμ‖² = ‖a‖² + 2bᵀμ + μᵀGμ over the passive set: only ever used as a bound. */
  private objective(aSq: number): number {
    const { mu, b, passive } = this;
    const { gram, gramStride } = this.system;
    let s = aSq;
    for (let p = 0; p < this.passiveCount; p++) {
      const i = passive[p]!;
      const mi = mu[i]!;
      let g = 0;
      for (let q = 0; q < this.passiveCount; q++) g += gram[i * gramStride + passive[q]!]! * mu[passive[q]!]!;
      s += mi * (2 * b[i]! + g);
    }
    return s;
  }

  /**
   * Picks the entering index: the largest dual w_k = −(b_k + (Gμ)_k) (the steepest-descent
   * component for μ_k) above DUAL_TOLERANCE. `optimal` when none is left (KKT holds); `blocked`
   * when ẑ_k is (numerically) a combination of the passive rows and cannot improve the fit.
   */
  private checkpointEnter(run: ProjectionRun): "entered" | "optimal" | "blocked" {
    const { t, mu, b, rowNorm, inP, blocked, passive } = this;
    const { gram, gramStride } = this.system;
    let best = -1;
    let bestW = 0;
    for (let k = 0; k < t; k++) {
      if (inP[k] || blocked[k]) continue;
      let w = -b[k]!;
      const row = k * gramStride;
      for (let p = 0; p < this.passiveCount; p++) w -= gram[row + passive[p]!]! * mu[passive[p]!]!;
      if (w > DUAL_TOLERANCE * run.aNorm * rowNorm[k]! + 1e-300 && w > bestW) {
        bestW = w;
        best = k;
      }
    }
    if (best < 0) return "optimal";
    // Slots past the passive set (a failed solve's) hold no factor rows for the next one.
    this.factoredRows = Math.min(this.factoredRows, this.passiveCount);
    passive[this.passiveCount] = best;
    if (!this.solvePassive(this.passiveCount + 1)) {
      blocked[best] = 1;
      return "blocked";
    }
    this.passiveCount++;
    inP[best] = 1;
    run.iterations++;
    run.enteredDual = bestW;
    return "entered";
  }

  /**
   * Inner loop: steps toward the unconstrained passive solution, dropping indices that hit zero,
   * until the passive solution is positive (`passiveSolved`), the set empties, a passive solve
   * fails (`failed`) or the inner cap ends it (`passiveSolved` false).
   */
  private checkpointFeasible(run: ProjectionRun): void {
    const { mu, inP, passive } = this;
    run.passiveSolved = false;
    run.failed = false;
    for (let inner = 0; inner < this.limits.innerCap(this.t); inner++) {
      const p = this.passiveCount;
      const s = this.rhs;
      let allPositive = true;
      for (let i = 0; i < p; i++) if (!(s[i]! > 0)) allPositive = false;
      if (allPositive) {
        for (let i = 0; i < p; i++) mu[passive[i]!] = s[i]!;
        run.passiveSolved = true;
        return;
      }
      let step = 1;
      for (let i = 0; i < p; i++) {
        if (s[i]! <= 0) {
          const cur = mu[passive[i]!]!;
          const ratio = cur / (cur - s[i]!);
          if (ratio < step) step = ratio;
        }
      }
      let kept = 0;
      for (let i = 0; i < p; i++) {
        const k = passive[i]!;
        const v = mu[k]! + step * (s[i]! - mu[k]!);
        if (v > ZERO_MULTIPLIER * (1 + run.enteredDual)) {
          mu[k] = v;
          passive[kept++] = k;
        } else {
          mu[k] = 0;
          inP[k] = 0;
          // The factor stays valid for the indices before the first one that leaves.
          this.factoredRows = Math.min(this.factoredRows, i);
        }
      }
      this.passiveCount = kept;
      run.iterations++;
      if (kept === 0) {
        run.passiveSolved = true;
        return;
      }
      if (!this.solvePassive(kept)) {
        run.failed = true;
        return;
      }
    }
  }

  /**
   * Refinement against the residual itself (not the squared system): y = a + Ẑᵀμ, then one
   * correction G_PP·δ = −Ẑ_P·y. This recovers the digits the Gram matrix squares away.
   * Returns ‖y‖².
   */
  private refine(a: Float64Array, n: number): number {
    const { mu, passive } = this;
    const { rows, gram, gramStride } = this.system;
    let y = this.residual(a, n);
    const p = this.passiveCount;
    if (p > 0) {
      const m = this.matrix;
      const rhs = this.rhs;
      for (let i = 0; i < p; i++) {
        const z = rows.row(passive[i]!);
        let g = 0;
        for (let j = 0; j < z.length; j++) g += z[j]! * y[j]!;
        rhs[i] = -g;
        for (let j = 0; j < p; j++) m[i * p + j] = gram[passive[i]! * gramStride + passive[j]!]!;
      }
      if (choleskyInPlace(m, p, PIVOT_FLOOR)) {
        choleskySolveInPlace(m, p, rhs);
        let ok = true;
        for (let i = 0; i < p; i++) if (mu[passive[i]!]! + rhs[i]! < 0) ok = false;
        if (ok) {
          for (let i = 0; i < p; i++) mu[passive[i]!] = mu[passive[i]!]! + rhs[i]!;
          y = this.residual(a, n);
        }
      }
    }
    let normSq = 0;
    for (let i = 0; i < n; i++) normSq += y[i]! * y[i]!;
    return normSq;
  }

  /** Keeps this projection's passive set and its Cholesky factor for the next candidate. */
  private keepWarmSet(): void {
    const { passive } = this;
    const { gram, gramStride } = this.system;
    const p = this.passiveCount;
    this.warmSet.set(passive.subarray(0, p));
    this.warmCount = p;
    this.warmFactorValid = false;
    if (p > 0) {
      const f = this.warmFactor;
      for (let i = 0; i < p; i++) {
        for (let j = 0; j <= i; j++) f[i * p + j] = gram[passive[i]! * gramStride + passive[j]!]!;
      }
      this.warmFactorValid = choleskyInPlace(f, p, PIVOT_FLOOR);
    }
  }

  /**
   * A cheap upper bound before any exact work, for a candidate that probably cannot win. Clip the
   * warm-set solution at zero (μ ≥ 0 is all a bound needs) and scale it optimally:
   * with v = Ẑᵀμ, min_τ ‖a + τv‖² = ‖a‖² − (bᵀμ)²/‖v‖², at O(p·r) over contiguous rows. Only if that
   * does not settle it, up to two sweeps of coordinate descent on the dual NNLS (O(t²) each).
   * Returns the bound if `canStop` accepts it, else null. Uses `mu`, `gmu` and `v` as scratch.
   */
  private boundFromWarmStart(n: number, aSq: number, slack: number, canStop: (upperNormSq: number) => boolean): number | null {
    if (this.v.length < n) this.v = new Float64Array(n);
    const { t, mu, b, gmu, v } = this;
    const { rows, gram, gramStride } = this.system;
    const p = this.warmCount;
    v.fill(0, 0, n);
    let bMu = 0;
    for (let i = 0; i < p; i++) {
      const m = this.rhs[i]!;
      if (!(m > 0)) continue;
      const k = this.warmSet[i]!;
      bMu += m * b[k]!;
      const z = rows.row(k);
      for (let j = 0; j < z.length; j++) v[j]! += m * z[j]!;
    }
    let vv = 0;
    for (let j = 0; j < n; j++) vv += v[j]! * v[j]!;
    const tau = vv > 0 && bMu < 0 ? -bMu / vv : 0;
    let f = aSq - tau * tau * vv;
    const margin = (x: number) => x + slack + BOUND_SLACK * Math.abs(x);
    if (canStop(margin(f))) return margin(f);
    // Sweeps need μ and g = Gμ = Ẑ·(τv) explicitly.
    mu.fill(0);
    for (let i = 0; i < p; i++) {
      const m = this.rhs[i]!;
      if (m > 0) mu[this.warmSet[i]!] = tau * m;
    }
    for (let k = 0; k < t; k++) {
      const z = rows.row(k);
      let g = 0;
      for (let j = 0; j < z.length; j++) g += z[j]! * v[j]!;
      gmu[k] = tau * g;
    }
    for (let sweep = 0; sweep < 2; sweep++) {
      for (let k = 0; k < t; k++) {
        const gkk = gram[k * gramStride + k]!;
        if (!(gkk > 0)) continue;
        const next = Math.max(0, mu[k]! - (b[k]! + gmu[k]!) / gkk);
        const delta = next - mu[k]!;
        if (delta === 0) continue;
        f += delta * (2 * (b[k]! + gmu[k]!) + delta * gkk);
        mu[k] = next;
        const row = k * gramStride;
        for (let i = 0; i < t; i++) gmu[i]! += delta * gram[row + i]!;
      }
      if (canStop(margin(f))) return margin(f);
    }
    return null;
  }

  /** x0 = −G_PP⁻¹·b_P on the warm set using the cached factor, into `rhs`. */
  private solveOnWarmFactor(b: Float64Array): boolean {
    if (!this.warmFactorValid) return false;
    const p = this.warmCount;
    for (let i = 0; i < p; i++) this.rhs[i] = -b[this.warmSet[i]!]!;
    choleskySolveInPlace(this.warmFactor, p, this.rhs);
    return true;
  }

  /**
   * Solves G_PP·s = −b_P for the first `p` passive indices into `rhs`; false if singular. The
   * factor of the indices that have not changed since the last solve is kept and extended (an
   * entering index adds one row), with the same bits and the same singularity test as factoring
   * G_PP afresh: the pivot floor is relative to the largest diagonal entry of all p rows.
   */
  private solvePassive(p: number): boolean {
    const { gram, gramStride } = this.system;
    const { passive, passiveFactor, pivots, rhs, t } = this;
    let maxDiag = 0;
    for (let i = 0; i < p; i++) maxDiag = Math.max(maxDiag, Math.abs(gram[passive[i]! * gramStride + passive[i]!]!));
    const floor = PIVOT_FLOOR * (maxDiag > 0 ? maxDiag : 1);
    const from = Math.min(this.factoredRows, p);
    for (let i = 0; i < from; i++) if (!(pivots[i]! > floor)) return false;
    const entry = (i: number, j: number) => gram[passive[i]! * gramStride + passive[j]!]!;
    this.factoredRows = choleskyExtend(passiveFactor, t, from, p, entry, floor, pivots);
    if (this.factoredRows < p) return false;
    for (let i = 0; i < p; i++) rhs[i] = -this.b[passive[i]!]!;
    choleskySolveInPlace(passiveFactor, p, rhs, t);
    return true;
  }

  private residual(a: Float64Array, n: number): Float64Array {
    const y = a.slice(0, n);
    const { rows } = this.system;
    for (let q = 0; q < this.passiveCount; q++) {
      const k = this.passive[q]!;
      const z = rows.row(k);
      const m = this.mu[k]!;
      for (let i = 0; i < z.length; i++) y[i]! += m * z[i]!;
    }
    return y;
  }
}

/** One-off projection (builds a {@link ConeProjector}; reuse a projector for many vectors). */
export function projectOntoCone(
  system: HalfspaceSystem,
  a: Float64Array,
  n: number,
  canStop?: (upperNormSq: number) => boolean,
): ConeProjection {
  return new ConeProjector(system).project(a, n, undefined, canStop);
}
