import { orthantStep, type Cone } from "./cone.js";

/**
 * The nonnegative orthant. NT scaling is diagonal: W = diag(√(s/z)), λ = √(s·z), H = diag(s/z);
 * the Jordan product is elementwise, e = 1, degree = dim.
 */
export class NonnegativeCone implements Cone {
  readonly symmetric = true;
  readonly hessianShape = "diagonal" as const;
  readonly degree: number;
  private readonly w: Float64Array;
  private readonly lambda: Float64Array;
  constructor(
    readonly start: number,
    readonly dim: number,
  ) {
    this.degree = dim;
    this.w = new Float64Array(dim);
    this.lambda = new Float64Array(dim);
  }
  unitInitialization(s: Float64Array, z: Float64Array): void {
    s.fill(1, this.start, this.start + this.dim);
    z.fill(1, this.start, this.start + this.dim);
  }
  minEigenvalue(v: Float64Array): number {
    let min = Infinity;
    for (let i = this.start; i < this.start + this.dim; i++) min = Math.min(min, v[i]!);
    return min;
  }
  unitShift(v: Float64Array, alpha: number): void {
    for (let i = this.start; i < this.start + this.dim; i++) v[i]! += alpha;
  }
  updateScaling(s: Float64Array, z: Float64Array): boolean {
    for (let i = 0; i < this.dim; i++) {
      const si = s[this.start + i]!;
      const zi = z[this.start + i]!;
      if (!(si > 0 && zi > 0)) return false;
      this.w[i] = Math.sqrt(si / zi);
      this.lambda[i] = Math.sqrt(si * zi);
    }
    return true;
  }
  writeHessian(out: Float64Array, offset: number): number {
    for (let i = 0; i < this.dim; i++) out[offset + i] = this.w[i]! * this.w[i]!;
    return this.dim;
  }
  multiplyHessian(out: Float64Array, v: Float64Array): void {
    for (let i = 0; i < this.dim; i++) out[this.start + i] = this.w[i]! * this.w[i]! * v[this.start + i]!;
  }
  affineDs(ds: Float64Array): void {
    for (let i = 0; i < this.dim; i++) ds[this.start + i] = this.lambda[i]! * this.lambda[i]!;
  }
  combinedDsShift(ds: Float64Array, dzAffine: Float64Array, dsAffine: Float64Array, sigmaMu: number): void {
    // (W⁻ᵀΔs)∘(WΔz) = Δs·Δz elementwise.
    for (let i = this.start; i < this.start + this.dim; i++) ds[i]! += dsAffine[i]! * dzAffine[i]! - sigmaMu;
  }
  deltaSOffset(out: Float64Array, ds: Float64Array): void {
    // Wᵀ(λ \ ds) = √(s/z)·ds/√(sz) = ds / z.
    for (let i = 0; i < this.dim; i++) out[this.start + i] = (this.w[i]! * ds[this.start + i]!) / this.lambda[i]!;
  }
  stepLength(dz: Float64Array, ds: Float64Array, z: Float64Array, s: Float64Array, alphaMax: number): number {
    const end = this.start + this.dim;
    return Math.min(orthantStep(z, dz, this.start, end, alphaMax), orthantStep(s, ds, this.start, end, alphaMax));
  }
}
