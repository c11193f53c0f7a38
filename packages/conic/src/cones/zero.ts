import type { Cone } from "./cone.js";

/**
 * The zero cone {0} (equality rows): s = 0 always, and its dual is the whole space, so z is free.
 * H = 0 (the KKT solve adds static regularization), degree 0, no step restriction.
 */
export class ZeroCone implements Cone {
  readonly degree = 0;
  readonly symmetric = true;
  readonly hessianShape = "diagonal" as const;
  constructor(
    readonly start: number,
    readonly dim: number,
  ) {}
  unitInitialization(s: Float64Array, z: Float64Array): void {
    s.fill(0, this.start, this.start + this.dim);
    z.fill(0, this.start, this.start + this.dim);
  }
  minEigenvalue(): number {
    return Infinity;
  }
  unitShift(v: Float64Array, _alpha: number, isDual: boolean): void {
    if (!isDual) v.fill(0, this.start, this.start + this.dim);
  }
  updateScaling(): boolean {
    return true;
  }
  writeHessian(out: Float64Array, offset: number): number {
    out.fill(0, offset, offset + this.dim);
    return this.dim;
  }
  multiplyHessian(out: Float64Array): void {
    out.fill(0, this.start, this.start + this.dim);
  }
  affineDs(ds: Float64Array): void {
    ds.fill(0, this.start, this.start + this.dim);
  }
  combinedDsShift(): void {}
  deltaSOffset(out: Float64Array): void {
    out.fill(0, this.start, this.start + this.dim);
  }
  stepLength(_dz: Float64Array, _ds: Float64Array, _z: Float64Array, _s: Float64Array, alphaMax: number): number {
    return alphaMax;
  }
}
