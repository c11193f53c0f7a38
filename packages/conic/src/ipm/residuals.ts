import { cscMultiply, cscMultiplyTransposed, symmetricUpperMultiply } from "../csc.js";
import type { CheckedProblem } from "../input/validate.js";
import type { Variables } from "./variables.js";

/**
 * Residuals of the homogeneous embedding at (x, s, z, τ, κ):
 *   rx = Px + Aᵀz + qτ,   rz = Ax + s − bτ,   rτ = qᵀx + bᵀz + κ + xᵀPx/τ.
 * All three vanish at a solution scaled by τ (or at an infeasibility certificate with τ = 0).
 */
export class Residuals {
  readonly rx: Float64Array;
  readonly rz: Float64Array;
  rtau = 0;
  /** Px (kept: the τ-equation and the objective need it). */
  readonly Px: Float64Array;
  readonly Atz: Float64Array;
  readonly Ax: Float64Array;
  xPx = 0;
  qx = 0;
  bz = 0;
  constructor(n: number, m: number) {
    this.rx = new Float64Array(n);
    this.rz = new Float64Array(m);
    this.Px = new Float64Array(n);
    this.Atz = new Float64Array(n);
    this.Ax = new Float64Array(m);
  }

  update(problem: CheckedProblem, v: Variables): void {
    const { P, A, q, b } = problem;
    symmetricUpperMultiply(P, v.x, this.Px);
    cscMultiplyTransposed(A, v.z, this.Atz);
    cscMultiply(A, v.x, this.Ax);
    this.xPx = dot(v.x, this.Px);
    this.qx = dot(q, v.x);
    this.bz = dot(b, v.z);
    for (let j = 0; j < this.rx.length; j++) this.rx[j] = this.Px[j]! + this.Atz[j]! + q[j]! * v.tau;
    for (let i = 0; i < this.rz.length; i++) this.rz[i] = this.Ax[i]! + v.s[i]! - b[i]! * v.tau;
    this.rtau = this.qx + this.bz + v.kappa + this.xPx / v.tau;
  }
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

export function normInf(a: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]!));
  return max;
}
