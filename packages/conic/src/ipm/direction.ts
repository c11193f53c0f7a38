import type { CompositeCone } from "../cones/composite.js";
import { cscMultiply, cscMultiplyTransposed, symmetricUpperMultiply } from "../csc.js";
import type { CheckedProblem } from "../input/validate.js";
import type { KktSystem } from "../kkt/kkt-system.js";
import { dot, normInf } from "./residuals.js";
import { Variables } from "./variables.js";

/**
 * How much larger Clarabel's form of the Δτ denominator must be than the quadratic-form one before it
 * is taken (see {@link DirectionSolver.prepare}): rounding has been measured to move the denominator
 * by up to 100%; a ray held by the regularization moves it by ~1/ε.
 */
const NULL_SPACE_DENOMINATOR_RATIO = 1e4;

/** Iterative refinement of each direction on the whole linearized system. */
export interface NewtonRefinement {
  /** Most correction steps per direction (0: off). */
  readonly maxSteps: number;
  /** Stop when the residual is below 1e-12 + this × the size of the right-hand side. */
  readonly relativeTolerance: number;
}

/** Right-hand side of one Newton system: the residual parts (dx, dz, dτ) and the complementarity parts (ds, dκ). */
export interface StepRhs {
  readonly dx: Float64Array;
  readonly dz: Float64Array;
  dtau: number;
  readonly ds: Float64Array;
  dkappa: number;
}

/**
 * Solves the linearized embedding for a direction (Clarabel §4, with ξ = x/τ):
 *
 *   PΔx + AᵀΔz + qΔτ = −dx,   AΔx + Δs − bΔτ = −dz,   Δs + HΔz = −o(ds),
 *   (q + 2Pξ)ᵀΔx + bᵀΔz + Δκ − ξᵀPξ·Δτ = −dτ,   κΔτ + τΔκ = −dκ.
 *
 * Eliminating Δs and Δκ leaves K[Δx; Δz] = [−dx; −dz + o] + Δτ[−q; b], so with the constant solution
 * K[x₂; z₂] = [−q; b] (computed once per factorization) and K[x₁; z₁] = [−dx; −dz + o],
 *
 *   Δτ = (dτ − dκ/τ + (q + 2Pξ)ᵀx₁ + bᵀz₁) / (‖x₂ − ξ‖²_P + ‖z₂‖²_H + κ/τ),
 *
 * whose denominator is positive by construction.
 *
 * Iterative refinement on this whole system, not only on each KKT solve: late in a run the scaling
 * blocks H have entries ~1/μ (1e9–1e10), so a KKT solve is accurate only to ~ε‖K‖·‖solution‖ in
 * absolute terms. For the O(1) constant solution (x₂, z₂) that is ~1e-6, while the Δτ denominator it
 * feeds has shrunk to ~1e-3 as a difference of O(1) terms — it can be off by 100%. The computed
 * direction then violates the τ row by up to 1e-2 of its size, and the runs crawl with the gap just
 * above tolerance. Each refinement step computes the residual of the x, z and τ rows (the s and κ
 * rows hold by construction), solves for a correction with the same factorization and adds it; a
 * step that does not lower the residual is undone. The corrections are small, so the same absolute
 * error floor is small relative to them and the τ-row residual falls by 10–100× per step.
 */
export class DirectionSolver {
  private readonly x1: Float64Array;
  private readonly z1: Float64Array;
  readonly x2: Float64Array;
  readonly z2: Float64Array;
  private readonly offset: Float64Array;
  private readonly rhsX: Float64Array;
  private readonly rhsZ: Float64Array;
  private readonly work: Float64Array;
  private readonly workN: Float64Array;
  private readonly diff: Float64Array;
  private denominator = 1;
  /** ξᵀPξ with ξ = x/τ (the τ row's Δτ coefficient). */
  private xiPxi = 0;
  private readonly residualX: Float64Array;
  private readonly residualZ: Float64Array;
  private readonly correction: Variables;
  private readonly correctionRhs: StepRhs;
  private readonly qPlus2Pxi: Float64Array;

  constructor(
    private readonly problem: CheckedProblem,
    private readonly cones: CompositeCone,
    private readonly kkt: KktSystem,
    private readonly refinement: NewtonRefinement = { maxSteps: 0, relativeTolerance: 1e-13 },
  ) {
    const { n, m } = problem;
    this.x1 = new Float64Array(n);
    this.z1 = new Float64Array(m);
    this.x2 = new Float64Array(n);
    this.z2 = new Float64Array(m);
    this.offset = new Float64Array(m);
    this.rhsX = new Float64Array(n);
    this.rhsZ = new Float64Array(m);
    this.work = new Float64Array(m);
    this.workN = new Float64Array(n);
    this.diff = new Float64Array(n);
    this.qPlus2Pxi = new Float64Array(n);
    this.residualX = new Float64Array(n);
    this.residualZ = new Float64Array(m);
    this.correction = new Variables(n, m);
    // ds = 0 gives a zero offset (deltaSOffset is linear): the correction's cone rows are homogeneous.
    this.correctionRhs = { dx: new Float64Array(n), dz: new Float64Array(m), dtau: 0, ds: new Float64Array(m), dkappa: 0 };
  }

  /** After a new factorization: the constant solution and the Δτ denominator at v. Px is P·v.x. */
  prepare(v: Variables, Px: Float64Array): boolean {
    const { q, b, n } = this.problem;
    for (let j = 0; j < n; j++) this.rhsX[j] = -q[j]!;
    if (!this.kkt.solve(this.rhsX, b, this.x2, this.z2)) return false;
    // ‖x₂ − ξ‖²_P via P(x₂ − ξ), using the symmetric upper product.
    const diff = this.diff;
    for (let j = 0; j < n; j++) diff[j] = this.x2[j]! - v.x[j]! / v.tau;
    const Pdiff = this.workN;
    symmetricUpperMultiply(this.problem.P, diff, Pdiff);
    const diffPdiff = Math.max(dot(diff, Pdiff), 0);
    this.denominator = diffPdiff + this.cones.hessianQuadraticForm(this.z2, this.work) + v.kappa / v.tau;
    // Clarabel's form of the same denominator, κ/τ − qᵀx₂ − bᵀz₂ + ‖x₂ − ξ‖²_P − ‖x₂‖²_P, sees what
    // the quadratic forms cannot: the part of x₂ in the null space of P and A, which only the static
    // regularization holds at ~1/ε. That part is an unbounded ray; without it the denominator is
    // ~1e-8 of what it should be, Δτ is huge, and the run stalls at τ = 1 instead of sending τ to 0
    // (an equality-constrained QP with a free variable and P's diagonal entry 0 along it ended
    // `insufficient_progress` / `almost_dual_infeasible`). Elsewhere the two forms agree up to
    // rounding, and the quadratic forms are the accurate ones (see the class comment), so the
    // second form is taken (near a solution) only when it is larger by a factor no rounding produces.
    const Px2 = this.workN;
    symmetricUpperMultiply(this.problem.P, this.x2, Px2);
    const withRay = v.kappa / v.tau - dot(q, this.x2) - dot(b, this.z2) + diffPdiff - dot(this.x2, Px2);
    // While heading for a certificate (κ > τ) ξ = x/τ grows along the ray and the larger form is
    // taken outright: on least-squares QPs with an unbounded free pair, `ecos` then proved
    // `dual_infeasible` in 11–12 iterations instead of hitting the iteration limit; over the sweep
    // (3614 runs) no status changed and the mean iteration count fell 12.036 → 12.027.
    const ratio = v.kappa > v.tau ? 1 : NULL_SPACE_DENOMINATOR_RATIO;
    if (withRay > ratio * this.denominator) this.denominator = withRay;
    for (let j = 0; j < n; j++) this.qPlus2Pxi[j] = q[j]! + (2 * Px[j]!) / v.tau;
    this.xiPxi = dot(v.x, Px) / (v.tau * v.tau);
    return this.denominator > 0 && Number.isFinite(this.denominator);
  }

  /** Solves for the direction `out` from `rhs` at v, refined on the whole linearized system. */
  solve(v: Variables, rhs: StepRhs, out: Variables): boolean {
    if (!this.solveOnce(v, rhs, out)) return false;
    const { maxSteps, relativeTolerance } = this.refinement;
    // Only while the iterate heads for a solution (τ ≥ κ): near a certificate τ → 0, ξ = x/τ blows up
    // and the τ row is not what decides the run (refining there derailed exp-primal-infeasible).
    if (maxSteps === 0 || v.tau < v.kappa) return true;
    const { n, m } = this.problem;
    const tolerance = 1e-12 + relativeTolerance * Math.max(normInf(rhs.dx), normInf(rhs.dz), Math.abs(rhs.dtau));
    let residual = this.newtonResidual(rhs, out);
    const c = this.correction;
    const cr = this.correctionRhs;
    for (let k = 0; k < maxSteps && residual.norm > tolerance; k++) {
      for (let j = 0; j < n; j++) cr.dx[j] = -this.residualX[j]!;
      for (let i = 0; i < m; i++) cr.dz[i] = -this.residualZ[i]!;
      cr.dtau = -residual.tauRow;
      if (!this.solveOnce(v, cr, c)) break;
      c.addStep(out, 1);
      const next = this.newtonResidual(rhs, c);
      if (!(next.norm < residual.norm)) break;
      out.copyFrom(c);
      residual = next;
    }
    return true;
  }

  /**
   * Residual of the x, z and τ rows of the linearized system at the direction d (into residualX,
   * residualZ; the τ row returned): r_x = −dx − (PΔx + AᵀΔz + qΔτ), r_z = −dz − (AΔx + Δs − bΔτ),
   * r_τ = −dτ − ((q + 2Pξ)ᵀΔx + bᵀΔz + Δκ − ξᵀPξ·Δτ).
   */
  private newtonResidual(rhs: StepRhs, d: Variables): { norm: number; tauRow: number } {
    const { P, A, q, b, n, m } = this.problem;
    const rx = this.residualX;
    const rz = this.residualZ;
    symmetricUpperMultiply(P, d.x, rx);
    cscMultiplyTransposed(A, d.z, rx, 1, true);
    let norm = 0;
    for (let j = 0; j < n; j++) {
      rx[j] = -rhs.dx[j]! - rx[j]! - q[j]! * d.tau;
      norm = Math.max(norm, Math.abs(rx[j]!));
    }
    cscMultiply(A, d.x, rz);
    for (let i = 0; i < m; i++) {
      rz[i] = -rhs.dz[i]! - rz[i]! - d.s[i]! + b[i]! * d.tau;
      norm = Math.max(norm, Math.abs(rz[i]!));
    }
    const tauRow = -rhs.dtau - (dot(this.qPlus2Pxi, d.x) + dot(b, d.z) + d.kappa - this.xiPxi * d.tau);
    norm = Math.max(norm, Math.abs(tauRow));
    return { norm: Number.isFinite(norm) ? norm : Infinity, tauRow };
  }

  /** One pass: two KKT solves' worth (the constant solution is reused), then Δτ, Δs, Δκ. */
  private solveOnce(v: Variables, rhs: StepRhs, out: Variables): boolean {
    const { b, n, m } = this.problem;
    this.cones.deltaSOffset(this.offset, rhs.ds);
    for (let j = 0; j < n; j++) this.rhsX[j] = -rhs.dx[j]!;
    for (let i = 0; i < m; i++) this.rhsZ[i] = -rhs.dz[i]! + this.offset[i]!;
    if (!this.kkt.solve(this.rhsX, this.rhsZ, this.x1, this.z1)) return false;
    const dtau = (rhs.dtau - rhs.dkappa / v.tau + dot(this.qPlus2Pxi, this.x1) + dot(b, this.z1)) / this.denominator;
    for (let j = 0; j < n; j++) out.x[j] = this.x1[j]! + dtau * this.x2[j]!;
    for (let i = 0; i < m; i++) out.z[i] = this.z1[i]! + dtau * this.z2[i]!;
    this.cones.multiplyHessian(this.work, out.z);
    for (let i = 0; i < m; i++) out.s[i] = -this.offset[i]! - this.work[i]!;
    out.tau = dtau;
    out.kappa = -(rhs.dkappa + v.kappa * dtau) / v.tau;
    return Number.isFinite(dtau) && Number.isFinite(out.kappa);
  }
}
