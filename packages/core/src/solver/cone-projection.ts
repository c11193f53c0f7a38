import { choleskyInPlace, choleskySolveInPlace } from "../linalg/cholesky.js";
import type { ReducedRows } from "../logistic-loss.js";

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
}

/**
 * Projects vectors onto the polyhedral cone C = {α : ⟨ẑ_k, α⟩ ≥ 0 ∀k} (SPEC "structure"). By
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

  constructor(private readonly system: HalfspaceSystem) {
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
    this.rhs = new Float64Array(t);
    this.gmu = new Float64Array(t);
    this.v = new Float64Array(Math.max(t, 1));
    this.warmSet = new Int32Array(t);
    this.warmFactor = new Float64Array(t * t);
  }

  /**
   * Π_C(a) for `a` of length n. `dots`, if given, holds ⟨ẑ_k, a⟩ for every k (saves O(t·n)).
   */
  project(a: Float64Array, n: number, dots?: Float64Array, canStop?: (upperNormSq: number) => boolean): ConeProjection {
    const { t, mu, b, rowNorm, inP, blocked, passive } = this;
    const { rows, gram, gramStride } = this.system;
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
    const aNorm = Math.sqrt(aSq);
    const slack = 1e-12 * aSq + 1e-300;
    let iterations = 0;
    // ‖a + Ẑᵀμ‖² = ‖a‖² + 2bᵀμ + μᵀGμ over the passive set: only ever used as a bound.
    const objective = (): number => {
      let s = aSq;
      for (let p = 0; p < this.passiveCount; p++) {
        const i = passive[p]!;
        const mi = mu[i]!;
        let g = 0;
        for (let q = 0; q < this.passiveCount; q++) g += gram[i * gramStride + passive[q]!]! * mu[passive[q]!]!;
        s += mi * (2 * b[i]! + g);
      }
      return s;
    };

    // Warm start: the candidates of one step share most of their active constraints (the ones
    // y⁽¹⁾ won carry −φ(y⁽¹⁾), common to every c_j), so begin on the previous passive set. From
    // μ = 0 the Lawson–Hanson inner loop simply drops the indices whose solution is not positive
    // until the rest is; that is a valid starting state, and usually already (near) optimal.
    if (canStop && this.solveOnWarmFactor(b)) {
      const upper = this.boundFromWarmStart(n, aSq, slack, canStop);
      if (upper !== null) return { normSq: NaN, pruned: true, upperNormSq: upper, iterations, mu };
    }
    mu.fill(0);
    inP.fill(0);
    blocked.fill(0);
    this.passiveCount = 0;
    if (this.warmCount > 0) {
      passive.set(this.warmSet.subarray(0, this.warmCount));
      let p = this.warmCount;
      while (p > 0) {
        if (!this.solvePassive(p)) {
          p = 0;
          break;
        }
        iterations++;
        let kept = 0;
        for (let i = 0; i < p; i++) if (this.rhs[i]! > 0) passive[kept++] = passive[i]!;
        if (kept === p) break;
        p = kept;
      }
      this.passiveCount = p;
      for (let i = 0; i < p; i++) {
        mu[passive[i]!] = this.rhs[i]!;
        inP[passive[i]!] = 1;
      }
    }

    for (let outer = 0; outer < 3 * t + 10; outer++) {
      if (canStop) {
        const upper = objective() + slack;
        if (canStop(upper)) return { normSq: NaN, pruned: true, upperNormSq: upper, iterations, mu };
      }
      // Dual w_k = −(b_k + (Gμ)_k): the steepest-descent component for μ_k.
      let best = -1;
      let bestW = 0;
      for (let k = 0; k < t; k++) {
        if (inP[k] || blocked[k]) continue;
        let w = -b[k]!;
        const row = k * gramStride;
        for (let p = 0; p < this.passiveCount; p++) w -= gram[row + passive[p]!]! * mu[passive[p]!]!;
        if (w > 1e-12 * aNorm * rowNorm[k]! + 1e-300 && w > bestW) {
          bestW = w;
          best = k;
        }
      }
      if (best < 0) break;
      passive[this.passiveCount] = best;
      if (!this.solvePassive(this.passiveCount + 1)) {
        // ẑ_best is (numerically) a combination of the passive rows: it cannot improve the fit.
        blocked[best] = 1;
        continue;
      }
      this.passiveCount++;
      inP[best] = 1;
      iterations++;
      // Inner loop: step toward the unconstrained passive solution, dropping indices that hit zero.
      for (let inner = 0; inner < t + 5; inner++) {
        const p = this.passiveCount;
        const s = this.rhs;
        let allPositive = true;
        for (let i = 0; i < p; i++) if (!(s[i]! > 0)) allPositive = false;
        if (allPositive) {
          for (let i = 0; i < p; i++) mu[passive[i]!] = s[i]!;
          break;
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
          if (v > 1e-15 * (1 + bestW)) {
            mu[k] = v;
            passive[kept++] = k;
          } else {
            mu[k] = 0;
            inP[k] = 0;
          }
        }
        this.passiveCount = kept;
        iterations++;
        if (kept === 0) break;
        if (!this.solvePassive(kept)) break;
      }
    }

    // Refinement against the residual itself (not the squared system): y = a + Ẑᵀμ, then one
    // correction G_PP·δ = −Ẑ_P·y. This recovers the digits the Gram matrix squares away.
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
      if (choleskyInPlace(m, p, 1e-13)) {
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
    this.warmSet.set(passive.subarray(0, p));
    this.warmCount = p;
    this.warmFactorValid = false;
    if (p > 0) {
      const f = this.warmFactor;
      for (let i = 0; i < p; i++) {
        for (let j = 0; j <= i; j++) f[i * p + j] = gram[passive[i]! * gramStride + passive[j]!]!;
      }
      this.warmFactorValid = choleskyInPlace(f, p, 1e-13);
    }
    return { normSq, pruned: false, upperNormSq: normSq, iterations, mu: mu.slice() };
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
    const margin = (x: number) => x + slack + 1e-12 * Math.abs(x);
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

  /** Solves G_PP·s = −b_P for the first `p` passive indices into `rhs`; false if singular. */
  private solvePassive(p: number): boolean {
    const { gram, gramStride } = this.system;
    const m = this.matrix;
    const rhs = this.rhs;
    const passive = this.passive;
    for (let i = 0; i < p; i++) {
      const gi = passive[i]! * gramStride;
      rhs[i] = -this.b[passive[i]!]!;
      for (let j = 0; j <= i; j++) m[i * p + j] = gram[gi + passive[j]!]!;
    }
    if (!choleskyInPlace(m, p, 1e-13)) return false;
    choleskySolveInPlace(m, p, rhs);
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

