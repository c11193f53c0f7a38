import type { ConeSpec } from "../problem.js";
import type { Cone } from "./cone.js";
import { createTsExpConeBatch, type ExpBlock, type ExpConeBatch, type ExpConeBatchFactory } from "./exp-batch.js";
import { ExpConeScratch, ExponentialCone } from "./exp.js";
import { NonnegativeCone } from "./nonneg.js";
import { SecondOrderCone } from "./soc.js";
import { expandedSocEntries } from "./soc-expansion.js";
import { createTsConeBatch, type SymmetricBlock, type SymmetricConeBatch, type SymmetricConeBatchFactory } from "./symmetric-batch.js";
import { ZeroCone } from "./zero.js";

/** Options of {@link CompositeCone}. */
export interface CompositeConeOptions {
  /** Exponential-cone scaling. @default "primal-dual" */
  readonly expScaling?: "primal-dual" | "dual";
  /** Exp cones add the third-order corrector term. @default true */
  readonly expThirdOrderCorrection?: boolean;
  /**
   * Runs the per-iteration operations of all nonnegative and second-order blocks (the WebAssembly
   * engine supplies a wasm batch). @default createTsConeBatch
   */
  readonly symmetricBatch?: SymmetricConeBatchFactory | undefined;
  /**
   * Runs the per-iteration operations of all exponential cones (the WebAssembly engine supplies a
   * wasm batch). @default createTsExpConeBatch
   */
  readonly expBatch?: ExpConeBatchFactory | undefined;
  /**
   * Second-order cones of dimension above this write their scaling block in the sparse expanded
   * form (two extra KKT rows and columns) instead of a dense block. @default Infinity (all dense)
   */
  readonly socExpansionThreshold?: number | undefined;
}

/**
 * The product cone K = K₁ × … × K_p over the stacked slack vector, in the order of the problem's cones.
 * `cones` holds every cone (structure and the one-off initialization); per iteration the nonnegative
 * and second-order blocks go through one {@link SymmetricConeBatch}, then the zero cones through
 * their own objects and the exponential cones through one {@link ExpConeBatch} (after the symmetric
 * batch, whose outputs outside its blocks are unspecified; the exp batch writes only its slices).
 */
export class CompositeCone {
  readonly cones: readonly Cone[];
  private readonly batch: SymmetricConeBatch | undefined;
  private readonly expBatch: ExpConeBatch | undefined;
  /** The cones neither batch covers (zero cones). */
  private readonly others: readonly Cone[];
  /** Where each of `others` writes its H. */
  private readonly otherHessianOffsets: readonly number[];
  readonly dim: number;
  /** Total barrier degree ν = Σ νᵢ. */
  readonly degree: number;
  /** Whether every cone is symmetric (then the symmetric initialization applies). */
  readonly symmetric: boolean;
  /** Number of KKT entries the −H blocks take. */
  readonly hessianEntries: number;
  /** Where each of `cones` starts writing its H in the array `writeHessian` fills (parallel to `cones`). */
  readonly hessianOffsets: readonly number[];

  constructor(specs: readonly ConeSpec[], options: CompositeConeOptions = {}) {
    let start = 0;
    const cones: Cone[] = [];
    // The exp cone objects here only give structure and the starting point (the batch has its own);
    // one shared scratch keeps them from allocating a dozen arrays each.
    const scratch = new ExpConeScratch();
    const threshold = options.socExpansionThreshold ?? Number.POSITIVE_INFINITY;
    for (const spec of specs) {
      // Adjacent cones of the same diagonal kind are merged: fewer objects, same math.
      const last = cones[cones.length - 1];
      if (
        (spec.type === "zero" || spec.type === "nonneg") &&
        last &&
        last.start + last.dim === start &&
        last instanceof (spec.type === "zero" ? ZeroCone : NonnegativeCone)
      ) {
        cones[cones.length - 1] =
          spec.type === "zero" ? new ZeroCone(last.start, last.dim + spec.dim) : new NonnegativeCone(last.start, last.dim + spec.dim);
      } else {
        cones.push(makeCone(spec, start, scratch, threshold));
      }
      start += spec.dim;
    }
    this.cones = cones;
    this.dim = start;
    this.degree = cones.reduce((sum, c) => sum + c.degree, 0);
    this.symmetric = cones.every((c) => c.symmetric);
    this.hessianEntries = cones.reduce((sum, c) => sum + hessianSize(c), 0);
    const blocks: SymmetricBlock[] = [];
    const expBlocks: ExpBlock[] = [];
    const others: Cone[] = [];
    const otherHessianOffsets: number[] = [];
    let hessianOffset = 0;
    const hessianOffsets: number[] = [];
    for (const c of cones) {
      hessianOffsets.push(hessianOffset);
      if (c instanceof NonnegativeCone || c instanceof SecondOrderCone) {
        blocks.push({
          kind: c instanceof NonnegativeCone ? "nonneg" : "soc",
          start: c.start,
          dim: c.dim,
          hessianOffset,
          expanded: c.hessianShape === "expanded",
        });
      } else if (c instanceof ExponentialCone) {
        expBlocks.push({ start: c.start, hessianOffset });
      } else {
        others.push(c);
        otherHessianOffsets.push(hessianOffset);
      }
      hessianOffset += hessianSize(c);
    }
    this.batch = blocks.length > 0 ? (options.symmetricBatch ?? createTsConeBatch)(blocks, this.dim, this.hessianEntries) : undefined;
    const expOptions = { scaling: options.expScaling ?? "primal-dual", thirdOrder: options.expThirdOrderCorrection ?? true } as const;
    this.expBatch = expBlocks.length > 0 ? (options.expBatch ?? createTsExpConeBatch)(expBlocks, this.dim, expOptions) : undefined;
    this.hessianOffsets = hessianOffsets;
    this.others = others;
    this.otherHessianOffsets = otherHessianOffsets;
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
    return (
      (this.batch?.updateScaling(s, z) ?? true) &&
      this.others.every((c) => c.updateScaling(s, z, mu, dualOnly)) &&
      (this.expBatch?.updateScaling(s, z, mu, dualOnly) ?? true)
    );
  }
  writeHessian(out: Float64Array): void {
    this.batch?.writeHessian(out);
    this.others.forEach((c, k) => c.writeHessian(out, this.otherHessianOffsets[k]!));
    this.expBatch?.writeHessian(out);
  }
  multiplyHessian(out: Float64Array, v: Float64Array): void {
    this.batch?.multiplyHessian(out, v);
    for (const c of this.others) c.multiplyHessian(out, v);
    this.expBatch?.multiplyHessian(out, v);
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
    this.batch?.affineDs(ds);
    for (const c of this.others) c.affineDs(ds, s);
    this.expBatch?.affineDs(ds, s);
  }
  combinedDsShift(ds: Float64Array, dzAffine: Float64Array, dsAffine: Float64Array, sigmaMu: number): void {
    this.batch?.combinedDsShift(ds, dzAffine, dsAffine, sigmaMu);
    for (const c of this.others) c.combinedDsShift(ds, dzAffine, dsAffine, sigmaMu);
    this.expBatch?.combinedDsShift(ds, dzAffine, dsAffine, sigmaMu);
  }
  deltaSOffset(out: Float64Array, ds: Float64Array): void {
    this.batch?.deltaSOffset(out, ds);
    for (const c of this.others) c.deltaSOffset(out, ds);
    this.expBatch?.deltaSOffset(out, ds);
  }
  /** Symmetric cones first (closed forms; zero cones never bind), then the backtracking exp cones from the bound those leave. */
  stepLength(dz: Float64Array, ds: Float64Array, z: Float64Array, s: Float64Array, alphaMax: number): number {
    const alpha = this.batch ? this.batch.stepLength(dz, ds, z, s, alphaMax) : alphaMax;
    return this.expBatch && alpha > 0 ? this.expBatch.stepLength(dz, ds, z, s, alpha) : alpha;
  }
}

function hessianSize(c: Cone): number {
  if (c.hessianShape === "expanded") return expandedSocEntries(c.dim);
  return c.hessianShape === "diagonal" ? c.dim : (c.dim * (c.dim + 1)) / 2;
}

/** The cone object of a spec (structure and initialization; exp cones' per-iteration work is the batch's). */
function makeCone(spec: ConeSpec, start: number, scratch: ExpConeScratch, socExpansionThreshold: number): Cone {
  switch (spec.type) {
    case "zero":
      return new ZeroCone(start, spec.dim);
    case "nonneg":
      return new NonnegativeCone(start, spec.dim);
    case "soc":
      return new SecondOrderCone(start, spec.dim, spec.dim > socExpansionThreshold);
    case "exp":
      return new ExponentialCone(start, undefined, undefined, scratch);
  }
}
