import type { Cone } from "./cone.js";
import { dualGradient, dualHessian, isDualInterior, isPrimalInterior, primalGradient } from "./exp-barrier.js";
import { clipToPositiveDefinite3, isPositiveDefinite3, solve3, symmetrize3 } from "./small-dense.js";

/** The central point of K ∩ K* used by Clarabel and Dahl–Andersen (s = z = −∇f*(z)). */
export const EXP_CENTRAL_POINT = [-1.051383945322714, 0.55640961946937, 1.258967884768947] as const;

/**
 * Scratch space for {@link ExponentialCone}'s per-iteration temporaries. Each is live only within
 * one method call, so one scratch serves every exp cone of a problem: a problem with hundreds of exp
 * cones then allocates one buffer, not a dozen small typed arrays per cone per solve.
 */
export class ExpConeScratch {
  readonly sv = new Float64Array(3);
  readonly zv = new Float64Array(3);
  readonly sShadow = new Float64Array(3);
  readonly zShadow = new Float64Array(3);
  readonly H0 = new Float64Array(9);
  readonly HZ0 = new Float64Array(3);
  readonly HZ1 = new Float64Array(3);
  readonly eta = new Float64Array(3);
  readonly work = new Float64Array(3);
  readonly plus = new Float64Array(3);
  readonly minus = new Float64Array(3);
  readonly hessianPlus = new Float64Array(9);
  readonly hessianMinus = new Float64Array(9);
}

/**
 * The exponential cone (nonsymmetric, degree 3), as in Dahl & Andersen (2021) and Clarabel.
 *
 * Scaling: the primal–dual quasi-Newton (BFGS-type, Tunçel / Myklebust) scaling. With the shadow
 * iterates s̃ = −∇f*(z), z̃ = −∇f(s), S = [s s̃], Z = [z z̃] and H₀ = μ∇²f*(z),
 *   H = H₀ + S(SᵀZ)⁻¹Sᵀ − H₀Z(ZᵀH₀Z)⁻¹ZᵀH₀,
 * so H z = s and H z̃ = s̃ exactly. On (or very near) the central path SᵀZ is singular; there H = μ∇²f*(z)
 * (the dual scaling), which is what the central path makes exact.
 *
 * Corrector: ds = s + σμ∇f*(z) − η with η = ½∇³f*(z)[Δz, ∇²f*(z)⁻¹Δs] from the affine step. The third
 * derivative is taken as a central difference of the analytic Hessian along Δz (a heuristic term: its
 * only job is to shorten the path, correctness does not depend on it).
 */
export class ExponentialCone implements Cone {
  readonly dim = 3;
  readonly degree = 3;
  readonly symmetric = false;
  readonly hessianShape = "dense" as const;
  /** Row-major H, symmetric. */
  private readonly H = new Float64Array(9);
  private readonly hessianDual = new Float64Array(9);
  private readonly gradDual = new Float64Array(3);
  private readonly zSaved = new Float64Array(3);
  /** Temporaries of one method call, shared by all exp cones of a problem. */
  private readonly scratch: ExpConeScratch;
  constructor(
    readonly start: number,
    /** `dual` always uses H = μ∇²f*(z) (ECOS-style); `primal-dual` the quasi-Newton scaling above. */
    private readonly scaling: "primal-dual" | "dual" = "primal-dual",
    /** Whether the combined step adds the third-order term η. */
    private readonly thirdOrder = true,
    /** Work space; pass one {@link ExpConeScratch} to every cone of a problem. @default a fresh one */
    scratch: ExpConeScratch = new ExpConeScratch(),
  ) {
    this.scratch = scratch;
  }

  unitInitialization(s: Float64Array, z: Float64Array): void {
    for (let i = 0; i < 3; i++) {
      s[this.start + i] = EXP_CENTRAL_POINT[i]!;
      z[this.start + i] = EXP_CENTRAL_POINT[i]!;
    }
  }

  // Only symmetric problems use the shifted initialization; exp cones start at the central point.
  minEigenvalue(): number {
    return Infinity;
  }
  unitShift(v: Float64Array): void {
    for (let i = 0; i < 3; i++) v[this.start + i] = EXP_CENTRAL_POINT[i]!;
  }

  updateScaling(s: Float64Array, z: Float64Array, mu: number, dualOnly: boolean): boolean {
    const o = this.start;
    if (!isPrimalInterior(s, o) || !isDualInterior(z, o)) return false;
    for (let i = 0; i < 3; i++) this.zSaved[i] = z[o + i]!;
    dualGradient(this.gradDual, z, o);
    dualHessian(this.hessianDual, z, o);
    // Work arrays are fields: this runs per exp cone per iteration, and allocation here was a large
    // part of a solve's garbage-collection time.
    const { sv, zv, sShadow, zShadow, H0, HZ0, HZ1 } = this.scratch;
    primalGradient(zShadow, s, o);
    for (let i = 0; i < 3; i++) {
      sv[i] = s[o + i]!;
      zv[i] = z[o + i]!;
      sShadow[i] = -this.gradDual[i]!;
      zShadow[i] = -zShadow[i]!;
    }
    const sz = dot3(sv, zv);
    const ss = dot3(sShadow, zShadow);
    // s·z̃ = s̃·z = ν = 3 by logarithmic homogeneity; use the exact value to keep SᵀZ symmetric.
    const det = sz * ss - 9;
    for (let k = 0; k < 9; k++) H0[k] = mu * this.hessianDual[k]!;
    this.H.set(H0);
    if (this.scaling === "dual" || dualOnly) return this.finish();
    // The quasi-Newton part uses the cone's own complementarity (Clarabel and Dahl–Andersen do too).
    const localMu = sz / 3;
    if (!(det > 1e-8 * sz * ss) || !Number.isFinite(det)) return this.finish();
    for (let k = 0; k < 9; k++) H0[k] = localMu * this.hessianDual[k]!;
    this.H.set(H0);
    // + S (SᵀZ)⁻¹ Sᵀ, with (SᵀZ)⁻¹ = [ss −3; −3 sz]/det.
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        this.H[3 * i + j]! +=
          (ss * sv[i]! * sv[j]! - 3 * (sv[i]! * sShadow[j]! + sShadow[i]! * sv[j]!) + sz * sShadow[i]! * sShadow[j]!) / det;
      }
    }
    // − H₀Z (ZᵀH₀Z)⁻¹ ZᵀH₀.
    for (let i = 0; i < 3; i++) {
      HZ0[i] = H0[3 * i]! * zv[0]! + H0[3 * i + 1]! * zv[1]! + H0[3 * i + 2]! * zv[2]!;
      HZ1[i] = H0[3 * i]! * zShadow[0]! + H0[3 * i + 1]! * zShadow[1]! + H0[3 * i + 2]! * zShadow[2]!;
    }
    const a = dot3(zv, HZ0);
    const b = dot3(zv, HZ1);
    const c = dot3(zShadow, HZ1);
    const det2 = a * c - b * b;
    if (!(det2 > 1e-12 * a * c)) {
      for (let k = 0; k < 9; k++) this.H[k] = mu * this.hessianDual[k]!;
      return this.finish();
    }
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        this.H[3 * i + j]! -= (c * HZ0[i]! * HZ0[j]! - b * (HZ0[i]! * HZ1[j]! + HZ1[i]! * HZ0[j]!) + a * HZ1[i]! * HZ1[j]!) / det2;
      }
    }
    // A scaling that lost definiteness to rounding is clipped to PD in finish(), not replaced by the
    // dual scaling: near the central path Sylvester's test on entries ~1/μ is decided by rounding,
    // and switching cone by cone between two different scalings broke the symmetry of symmetric
    // problems (exp-entropy-3: three identical cones, one switched, x off by 5e-5 after one step).
    return this.finish();
  }

  private finish(): boolean {
    symmetrize3(this.H);
    if (!isPositiveDefinite3(this.H)) clipToPositiveDefinite3(this.H, 1e-13);
    for (let k = 0; k < 9; k++) if (!Number.isFinite(this.H[k]!)) return false;
    return true;
  }

  writeHessian(out: Float64Array, offset: number): number {
    let k = offset;
    for (let j = 0; j < 3; j++) for (let i = 0; i <= j; i++) out[k++] = this.H[3 * i + j]!;
    return k - offset;
  }

  multiplyHessian(out: Float64Array, v: Float64Array): void {
    const o = this.start;
    for (let i = 0; i < 3; i++) out[o + i] = this.H[3 * i]! * v[o]! + this.H[3 * i + 1]! * v[o + 1]! + this.H[3 * i + 2]! * v[o + 2]!;
  }

  affineDs(ds: Float64Array, s: Float64Array): void {
    for (let i = 0; i < 3; i++) ds[this.start + i] = s[this.start + i]!;
  }

  combinedDsShift(ds: Float64Array, dzAffine: Float64Array, dsAffine: Float64Array, sigmaMu: number): void {
    const o = this.start;
    const eta = this.scratch.eta;
    eta.fill(0);
    if (this.thirdOrder) this.higherOrderCorrection(dzAffine, dsAffine);
    for (let i = 0; i < 3; i++) ds[o + i]! += sigmaMu * this.gradDual[i]! - eta[i]!;
  }

  /** scratch.eta ← η = ½∇³f*(z)[Δz, ∇²f*(z)⁻¹Δs], by a central difference of ∇²f* along Δz (left 0 when undefined). */
  private higherOrderCorrection(dz: Float64Array, ds: Float64Array): void {
    const o = this.start;
    const { work, plus, minus, hessianPlus, hessianMinus, eta } = this.scratch;
    const solved = solve3(this.hessianDual, ds[o]!, ds[o + 1]!, ds[o + 2]!, work);
    const dzNorm = Math.hypot(dz[o]!, dz[o + 1]!, dz[o + 2]!);
    const zNorm = Math.hypot(this.zSaved[0]!, this.zSaved[1]!, this.zSaved[2]!);
    if (!solved || dzNorm === 0) return;
    const h = (1e-5 * zNorm) / dzNorm;
    for (let i = 0; i < 3; i++) {
      plus[i] = this.zSaved[i]! + h * dz[o + i]!;
      minus[i] = this.zSaved[i]! - h * dz[o + i]!;
    }
    if (!isDualInterior(plus, 0) || !isDualInterior(minus, 0)) return;
    dualHessian(hessianPlus, plus, 0);
    dualHessian(hessianMinus, minus, 0);
    for (let i = 0; i < 3; i++) {
      let sum = 0;
      for (let j = 0; j < 3; j++) sum += ((hessianPlus[3 * i + j]! - hessianMinus[3 * i + j]!) / (2 * h)) * work[j]!;
      eta[i] = sum * 0.5;
    }
    if (!(Number.isFinite(eta[0]!) && Number.isFinite(eta[1]!) && Number.isFinite(eta[2]!))) eta.fill(0);
  }

  deltaSOffset(out: Float64Array, ds: Float64Array): void {
    for (let i = 0; i < 3; i++) out[this.start + i] = ds[this.start + i]!;
  }

  /**
   * No closed form: backtrack from alphaMax by 0.8 until both points are strictly interior, then
   * bisect between that and the last exterior α, so the caller's step fraction applies to (nearly)
   * the true distance to the boundary rather than to a coarse grid point.
   */
  stepLength(dz: Float64Array, ds: Float64Array, z: Float64Array, s: Float64Array, alphaMax: number): number {
    if (this.inside(alphaMax, dz, ds, z, s)) return alphaMax;
    let hi = alphaMax;
    let lo = alphaMax * 0.8;
    for (let k = 0; k < 80 && !this.inside(lo, dz, ds, z, s); k++) {
      hi = lo;
      lo *= 0.8;
    }
    if (!this.inside(lo, dz, ds, z, s)) return 0;
    for (let k = 0; k < 30 && hi - lo > 1e-10 * hi; k++) {
      const mid = 0.5 * (lo + hi);
      if (this.inside(mid, dz, ds, z, s)) lo = mid;
      else hi = mid;
    }
    // Stop short of the boundary on exp-limited steps (before the caller's step fraction): full
    // steps to 99% left nonsymmetric iterates badly centred (Clarabel's coarse 0.8 backtracking
    // has the same effect); 0.9 was the best of 1, 0.95, 0.9, 0.8 on the test and conformance sets.
    return 0.9 * lo;
  }

  /** Whether z + αΔz ∈ int K* and s + αΔs ∈ int K. */
  private inside(alpha: number, dz: Float64Array, ds: Float64Array, z: Float64Array, s: Float64Array): boolean {
    const o = this.start;
    const { plus: zt, minus: st } = this.scratch;
    for (let i = 0; i < 3; i++) {
      zt[i] = z[o + i]! + alpha * dz[o + i]!;
      st[i] = s[o + i]! + alpha * ds[o + i]!;
    }
    return isDualInterior(zt, 0) && isPrimalInterior(st, 0);
  }
}

function dot3(a: Float64Array, b: Float64Array): number {
  return a[0]! * b[0]! + a[1]! * b[1]! + a[2]! * b[2]!;
}
