import { ExpConeScratch, ExponentialCone } from "./exp.js";

/** One exponential cone of the stacked slack vector. */
export interface ExpBlock {
  readonly start: number;
  /** Where the cone's 6 H entries (upper triangle by columns) start in the Hessian array `CompositeCone.writeHessian` fills. */
  readonly hessianOffset: number;
}

/** How the exponential cones scale and correct (the solver configuration's choice). */
export interface ExpBatchOptions {
  /** `dual`: always H = μ∇²f*(z) (ECOS-style); `primal-dual`: the quasi-Newton scaling of {@link ExponentialCone}. */
  readonly scaling: "primal-dual" | "dual";
  /** Whether the combined step adds the third-order term η. */
  readonly thirdOrder: boolean;
}

/**
 * The per-iteration operations of every exponential cone of a problem at once (the `Cone` methods
 * of {@link ExponentialCone}, batched), so the WebAssembly implementation crosses from JavaScript
 * once per operation per iteration rather than once per cone. Vectors are the full stacked
 * length-m arrays; each method writes only the cones' slices (it leaves the rest of `out` alone).
 */
export interface ExpConeBatch {
  /**
   * Scaling at (s, z) with complementarity mu; `dualOnly` forces H = μ∇²f*(z) (the mid-solve
   * switch). False at the first cone whose s or z is not interior (later cones are then stale).
   */
  updateScaling(s: Float64Array, z: Float64Array, mu: number, dualOnly: boolean): boolean;
  /** Writes each cone's H at its `hessianOffset` in out. */
  writeHessian(out: Float64Array): void;
  /** out ← H·v on the cones. */
  multiplyHessian(out: Float64Array, v: Float64Array): void;
  /** ds ← s on the cones. */
  affineDs(ds: Float64Array, s: Float64Array): void;
  /** ds ← ds + σμ∇f*(z) − η on the cones. */
  combinedDsShift(ds: Float64Array, dzAffine: Float64Array, dsAffine: Float64Array, sigmaMu: number): void;
  /** out ← ds on the cones. */
  deltaSOffset(out: Float64Array, ds: Float64Array): void;
  /** Largest α ≤ alphaMax keeping every cone strictly interior, cone by cone from the bound the previous left. */
  stepLength(dz: Float64Array, ds: Float64Array, z: Float64Array, s: Float64Array, alphaMax: number): number;
}

/** Builds the batch for the exponential cones of one problem (m = length of the stacked vectors). */
export type ExpConeBatchFactory = (blocks: readonly ExpBlock[], m: number, options: ExpBatchOptions) => ExpConeBatch;

/** The TypeScript batch: a loop over `ExponentialCone` objects sharing one scratch (the fallback and the cross-check). */
export const createTsExpConeBatch: ExpConeBatchFactory = (blocks, _m, options) => {
  const scratch = new ExpConeScratch();
  const cones = blocks.map((b) => ({
    offset: b.hessianOffset,
    cone: new ExponentialCone(b.start, options.scaling, options.thirdOrder, scratch),
  }));
  return {
    updateScaling: (s, z, mu, dualOnly) => cones.every(({ cone }) => cone.updateScaling(s, z, mu, dualOnly)),
    writeHessian(out) {
      for (const { cone, offset } of cones) cone.writeHessian(out, offset);
    },
    multiplyHessian(out, v) {
      for (const { cone } of cones) cone.multiplyHessian(out, v);
    },
    affineDs(ds, s) {
      for (const { cone } of cones) cone.affineDs(ds, s);
    },
    combinedDsShift(ds, dzAffine, dsAffine, sigmaMu) {
      for (const { cone } of cones) cone.combinedDsShift(ds, dzAffine, dsAffine, sigmaMu);
    },
    deltaSOffset(out, ds) {
      for (const { cone } of cones) cone.deltaSOffset(out, ds);
    },
    stepLength(dz, ds, z, s, alphaMax) {
      let alpha = alphaMax;
      for (const { cone } of cones) if (alpha > 0) alpha = Math.min(alpha, cone.stepLength(dz, ds, z, s, alpha));
      return alpha;
    },
  };
};
