import type { CompositeCone } from "../cones/composite.js";

/** The iterate of the homogeneous embedding: (x, s, z, τ, κ), and a search direction of the same shape. */
export class Variables {
  readonly x: Float64Array;
  readonly s: Float64Array;
  readonly z: Float64Array;
  tau = 1;
  kappa = 1;
  constructor(n: number, m: number) {
    this.x = new Float64Array(n);
    this.s = new Float64Array(m);
    this.z = new Float64Array(m);
  }

  /** μ = (sᵀz + τκ)/(ν + 1). */
  complementarity(cones: CompositeCone): number {
    let dot = 0;
    for (let i = 0; i < this.s.length; i++) dot += this.s[i]! * this.z[i]!;
    return (dot + this.tau * this.kappa) / (cones.degree + 1);
  }

  /** this ← this + α·step. */
  addStep(step: Variables, alpha: number): void {
    axpy(this.x, step.x, alpha);
    axpy(this.s, step.s, alpha);
    axpy(this.z, step.z, alpha);
    this.tau += alpha * step.tau;
    this.kappa += alpha * step.kappa;
  }

  copyFrom(other: Variables): void {
    this.x.set(other.x);
    this.s.set(other.s);
    this.z.set(other.z);
    this.tau = other.tau;
    this.kappa = other.kappa;
  }
}

function axpy(y: Float64Array, x: Float64Array, alpha: number): void {
  for (let i = 0; i < y.length; i++) y[i]! += alpha * x[i]!;
}

/** Largest α ≤ alphaMax keeping τ + αΔτ ≥ 0 and κ + αΔκ ≥ 0. */
export function scalarStep(v: Variables, d: Variables, alphaMax: number): number {
  let alpha = alphaMax;
  if (d.tau < 0) alpha = Math.min(alpha, -v.tau / d.tau);
  if (d.kappa < 0) alpha = Math.min(alpha, -v.kappa / d.kappa);
  return alpha;
}
