import { NonnegativeCone } from "./nonneg.js";
import { SecondOrderCone } from "./soc.js";

/** One nonnegative-orthant or second-order block of the stacked slack vector. */
export interface SymmetricBlock {
  readonly kind: "nonneg" | "soc";
  readonly start: number;
  readonly dim: number;
  /** Where the block's H entries start in the Hessian array `CompositeCone.writeHessian` fills. */
  readonly hessianOffset: number;
  /** A second-order block whose H is written in the sparse expanded form (η²D, aᵤ, aᵥ, −δᵤ, δᵥ of soc-expansion.ts). @default false */
  readonly expanded?: boolean;
}

/**
 * The per-iteration operations of every nonnegative and second-order block of a problem at once
 * (the `Cone` methods of those cones, batched). Vectors are the full stacked length-m arrays; each
 * method touches only the blocks' slices (outputs elsewhere are unspecified, so callers write the
 * other cones after). One call per operation per iteration is what lets the WebAssembly
 * implementation pay the JavaScript↔wasm crossing per iteration rather than per cone.
 */
export interface SymmetricConeBatch {
  /** NT scaling at (s, z); false if some block's s or z is not interior. */
  updateScaling(s: Float64Array, z: Float64Array): boolean;
  /** Writes each block's H at its `hessianOffset` in out (dense upper triangle, or η²D, aᵤ, aᵥ, −δᵤ, δᵥ when expanded). */
  writeHessian(out: Float64Array): void;
  /** out ← H·v on the blocks. */
  multiplyHessian(out: Float64Array, v: Float64Array): void;
  /** ds ← λ∘λ on the blocks. */
  affineDs(ds: Float64Array): void;
  /** ds ← ds + (W⁻ᵀΔs)∘(WΔz) − σμ·e on the blocks. */
  combinedDsShift(ds: Float64Array, dzAffine: Float64Array, dsAffine: Float64Array, sigmaMu: number): void;
  /** out ← W(λ \ ds) on the blocks. */
  deltaSOffset(out: Float64Array, ds: Float64Array): void;
  /** Largest α ≤ alphaMax keeping z + αΔz and s + αΔs in every block. */
  stepLength(dz: Float64Array, ds: Float64Array, z: Float64Array, s: Float64Array, alphaMax: number): number;
}

/** Builds the batch for the blocks of one problem (m = length of the stacked vectors). */
export type SymmetricConeBatchFactory = (blocks: readonly SymmetricBlock[], m: number, hessianEntries: number) => SymmetricConeBatch;

/** The TypeScript batch: a loop over `NonnegativeCone` / `SecondOrderCone` objects (the fallback and the cross-check). */
export const createTsConeBatch: SymmetricConeBatchFactory = (blocks) => {
  const cones = blocks.map((b) => ({
    offset: b.hessianOffset,
    cone: b.kind === "nonneg" ? new NonnegativeCone(b.start, b.dim) : new SecondOrderCone(b.start, b.dim, b.expanded === true),
  }));
  return {
    updateScaling: (s, z) => cones.every(({ cone }) => cone.updateScaling(s, z)),
    writeHessian(out) {
      for (const { cone, offset } of cones) cone.writeHessian(out, offset);
    },
    multiplyHessian(out, v) {
      for (const { cone } of cones) cone.multiplyHessian(out, v);
    },
    affineDs(ds) {
      for (const { cone } of cones) cone.affineDs(ds);
    },
    combinedDsShift(ds, dzAffine, dsAffine, sigmaMu) {
      for (const { cone } of cones) cone.combinedDsShift(ds, dzAffine, dsAffine, sigmaMu);
    },
    deltaSOffset(out, ds) {
      for (const { cone } of cones) cone.deltaSOffset(out, ds);
    },
    stepLength(dz, ds, z, s, alphaMax) {
      let alpha = alphaMax;
      for (const { cone } of cones) alpha = Math.min(alpha, cone.stepLength(dz, ds, z, s, alpha));
      return alpha;
    },
  };
};
