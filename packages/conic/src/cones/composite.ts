import type { ConeSpec } from "../problem.js";
import type { Cone } from "./cone.js";
import { ExpConeScratch, ExponentialCone } from "./exp.js";
import { NonnegativeCone } from "./nonneg.js";
import { SecondOrderCone } from "./soc.js";
import { ZeroCone } from "./zero.js";

/** Options of {@link CompositeCone}. */
export interface CompositeConeOptions {
  /** Exponential-cone scaling. @default "primal-dual" */
  readonly expScaling?: "primal-dual" | "dual";
  /** Exp cones add the third-order corrector term. @default true */
  readonly expThirdOrderCorrection?: boolean;
}

/** The product cone K = K₁ × … × K_p over the stacked slack vector, in the order of the problem's cones. */
export class CompositeCone {
  readonly cones: readonly Cone[];
  readonly dim: number;
  /** Total barrier degree ν = Σ νᵢ. */
  readonly degree: number;
  /** Whether every cone is symmetric (then the symmetric initialization applies). */
  readonly symmetric: boolean;
  /** Number of KKT entries the −H blocks take. */
  readonly hessianEntries: number;

  constructor(specs: readonly ConeSpec[], options: CompositeConeOptions = {}) {
    let start = 0;
    const cones: Cone[] = [];
    const scratch = new ExpConeScratch();
    for (const spec of specs) {
      // Adjacent cones of the same diagonal kind are merged: fewer objects, same math.
      const last = cones[cones.length - 1];
      if ((spec.type === "zero" || spec.type === "nonneg") && last && last.start + last.dim === start && last instanceof (spec.type === "zero" ? ZeroCone : NonnegativeCone)) {
        cones[cones.length - 1] = spec.type === "zero" ? new ZeroCone(last.start, last.dim + spec.dim) : new NonnegativeCone(last.start, last.dim + spec.dim);
      } else {
        cones.push(makeCone(spec, start, options, scratch));
      }
      start += spec.dim;
    }
    this.cones = cones;
    this.dim = start;
    this.degree = cones.reduce((sum, c) => sum + c.degree, 0);
    this.symmetric = cones.every((c) => c.symmetric);
    this.hessianEntries = cones.reduce((sum, c) => sum + (c.hessianShape === "diagonal" ? c.dim : (c.dim * (c.dim + 1)) / 2), 0);
  }

  unitInitialization(s: Float64Array, z: Float64Array): void {
    for (const c of this.cones) c.unitInitialization(s, z);
  }
  /**
   * Moves v into the interior along e (after Clarabel's symmetric initialization): with m the
   * smallest eigenvalue over all cones, v ← v + (1 − m)·e when m < 1. A merely positive margin is not
   * enough: a 1e-15 entry would make H = s/z blow up. (Clarabel's target also grows with
   * 0.1·Σ positive eigenvalues / ν; that large shift drowned a 1e-8-scaled row of the scaling test.)
   */
  shiftToInterior(v: Float64Array, isDual: boolean): void {
    let min = Infinity;
    for (const c of this.cones) min = Math.min(min, c.minEigenvalue(v));
    const target = 1;
    // Two stages when infeasible, as Clarabel: adding −min and target separately avoids 1 − α = −α.
    if (min <= 0) {
      for (const c of this.cones) c.unitShift(v, -min, isDual);
      for (const c of this.cones) c.unitShift(v, target, isDual);
    } else {
      const shift = min < target ? target - min : 0;
      for (const c of this.cones) c.unitShift(v, shift, isDual);
    }
  }
  updateScaling(s: Float64Array, z: Float64Array, mu: number, dualOnly = false): boolean {
    return this.cones.every((c) => c.updateScaling(s, z, mu, dualOnly));
  }
  writeHessian(out: Float64Array): void {
    let offset = 0;
    for (const c of this.cones) offset += c.writeHessian(out, offset);
  }
  multiplyHessian(out: Float64Array, v: Float64Array): void {
    for (const c of this.cones) c.multiplyHessian(out, v);
  }
  /**
   * vᵀHv as Σ over cones of max(0, vₖᵀHₖvₖ): each block is PSD, so a negative part is rounding (near
   * the boundary H has entries ~1/μ and vᵀHv cancels); clamping keeps the Δτ denominator positive.
   */
  hessianQuadraticForm(v: Float64Array, work: Float64Array): number {
    this.multiplyHessian(work, v);
    let sum = 0;
    for (const c of this.cones) {
      let part = 0;
      for (let i = c.start; i < c.start + c.dim; i++) part += v[i]! * work[i]!;
      sum += Math.max(part, 0);
    }
    return sum;
  }
  affineDs(ds: Float64Array, s: Float64Array): void {
    for (const c of this.cones) c.affineDs(ds, s);
  }
  combinedDsShift(ds: Float64Array, dzAffine: Float64Array, dsAffine: Float64Array, sigmaMu: number): void {
    for (const c of this.cones) c.combinedDsShift(ds, dzAffine, dsAffine, sigmaMu);
  }
  deltaSOffset(out: Float64Array, ds: Float64Array): void {
    for (const c of this.cones) c.deltaSOffset(out, ds);
  }
  /** Symmetric cones first (closed forms), then the backtracking ones from the bound those leave. */
  stepLength(dz: Float64Array, ds: Float64Array, z: Float64Array, s: Float64Array, alphaMax: number): number {
    let alpha = alphaMax;
    for (const c of this.cones) if (c.symmetric) alpha = Math.min(alpha, c.stepLength(dz, ds, z, s, alpha));
    for (const c of this.cones) if (!c.symmetric && alpha > 0) alpha = Math.min(alpha, c.stepLength(dz, ds, z, s, alpha));
    return alpha;
  }
}

function makeCone(spec: ConeSpec, start: number, options: CompositeConeOptions, scratch: ExpConeScratch): Cone {
  switch (spec.type) {
    case "zero":
      return new ZeroCone(start, spec.dim);
    case "nonneg":
      return new NonnegativeCone(start, spec.dim);
    case "soc":
      return new SecondOrderCone(start, spec.dim);
    case "exp":
      return new ExponentialCone(start, options.expScaling ?? "primal-dual", options.expThirdOrderCorrection ?? true, scratch);
  }
}
