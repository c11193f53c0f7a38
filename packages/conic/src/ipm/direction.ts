import type { CompositeCone } from "../cones/composite.js";
import { symmetricUpperMultiply } from "../csc.js";
import type { CheckedProblem } from "../input/validate.js";
import type { KktSystem } from "../kkt/kkt-system.js";
import { dot } from "./residuals.js";
import type { Variables } from "./variables.js";

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
  private readonly qPlus2Pxi: Float64Array;

  constructor(
    private readonly problem: CheckedProblem,
    private readonly cones: CompositeCone,
    private readonly kkt: KktSystem,
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
    this.denominator = Math.max(dot(diff, Pdiff), 0) + this.cones.hessianQuadraticForm(this.z2, this.work) + v.kappa / v.tau;
    for (let j = 0; j < n; j++) this.qPlus2Pxi[j] = q[j]! + (2 * Px[j]!) / v.tau;
    return this.denominator > 0 && Number.isFinite(this.denominator);
  }

  /** Solves for the direction `out` from `rhs` at v. */
  solve(v: Variables, rhs: StepRhs, out: Variables): boolean {
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
