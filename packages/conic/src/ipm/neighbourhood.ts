import { dualBarrier, isDualInterior, isPrimalInterior, primalBarrier } from "../cones/exp-barrier.js";
import type { ConeSpec } from "../problem.js";
import type { Variables } from "./variables.js";

/**
 * The central-path proximity of a trial point (s, z, τ, κ) + α·(Δs, Δz, Δτ, Δκ) for problems with
 * exponential cones (Clarabel's barrier line search, normalized):
 *
 *   Ψ = (ν + 1)·log μ − log τ − log κ + Σ_cones (f(s) + f*(z)) + 3·(number of exp cones),
 *
 * with μ = (sᵀz + τκ)/(ν + 1) at the trial point and f, f* the cones' barriers (nonnegative:
 * −log sᵢ − log zᵢ; second-order, degree 1: −½log det s − ½log det z; exponential: the
 * degree-3 pair of exp-barrier.ts, whose sum is −3 at the central point). Ψ ≥ 0 everywhere
 * (log-concavity of the mean) and Ψ = 0 exactly on the central path s = −μ∇f*(z), τκ = μ.
 *
 * Why: the exp cone's scaling and corrector are only accurate near the central path; a step that is
 * merely feasible can throw a cone far off it, and the following directions then hit that cone's
 * boundary after a few percent of the step. Clarabel backtracks the combined step (×0.8) until its
 * barrier sum is below a bound; {@link Neighbourhood.bound} is that bound in this normalization. In the
 * sweep (benchmarks/src/run-conic-sweep.ts) it turned 2 `almost_solved` random exp-cone problems
 * into `solved` for `clarabel`. The solver backtracks the affine step the same way before setting
 * σ = (1 − α_aff)³ (ipm-solver.ts): with σ from the cones' limit alone, a small σ and a backtracked
 * combined step repeated until `insufficient_progress`.
 *
 * Runs in TypeScript on both kernel paths (it reads the iterate; it does not change the cones' math).
 */
export class Neighbourhood {
  private readonly blocks: readonly { readonly type: ConeSpec["type"]; readonly start: number; readonly dim: number }[];
  private readonly degree: number;
  private readonly expCount: number;
  private readonly sTrial: Float64Array;
  private readonly zTrial: Float64Array;

  constructor(cones: readonly ConeSpec[], m: number) {
    let start = 0;
    let degree = 0;
    let expCount = 0;
    const blocks = [];
    for (const c of cones) {
      blocks.push({ type: c.type, start, dim: c.dim });
      start += c.dim;
      if (c.type === "nonneg") degree += c.dim;
      else if (c.type === "soc") degree += 1;
      else if (c.type === "exp") {
        degree += 3;
        expCount++;
      }
    }
    this.blocks = blocks;
    this.degree = degree;
    this.expCount = expCount;
    this.sTrial = new Float64Array(m);
    this.zTrial = new Float64Array(m);
  }

  /** Ψ at v + α·d (Infinity where the trial point is not interior). */
  proximity(v: Variables, d: Variables, alpha: number): number {
    const tau = v.tau + alpha * d.tau;
    const kappa = v.kappa + alpha * d.kappa;
    if (!(tau > 0) || !(kappa > 0)) return Infinity;
    const s = this.sTrial;
    const z = this.zTrial;
    let sz = 0;
    for (let i = 0; i < s.length; i++) {
      s[i] = v.s[i]! + alpha * d.s[i]!;
      z[i] = v.z[i]! + alpha * d.z[i]!;
    }
    let barrier = 0;
    for (const b of this.blocks) {
      const end = b.start + b.dim;
      if (b.type === "zero") continue;
      for (let i = b.start; i < end; i++) sz += s[i]! * z[i]!;
      if (b.type === "nonneg") {
        for (let i = b.start; i < end; i++) {
          if (!(s[i]! > 0) || !(z[i]! > 0)) return Infinity;
          barrier -= Math.log(s[i]! * z[i]!);
        }
      } else if (b.type === "soc") {
        const detS = socDet(s, b.start, end);
        const detZ = socDet(z, b.start, end);
        if (!(detS > 0) || !(detZ > 0) || !(s[b.start]! > 0) || !(z[b.start]! > 0)) return Infinity;
        barrier -= 0.5 * (Math.log(detS) + Math.log(detZ));
      } else {
        if (!isPrimalInterior(s, b.start) || !isDualInterior(z, b.start)) return Infinity;
        barrier += primalBarrier(s, b.start) + dualBarrier(z, b.start) + 3;
      }
    }
    const mu = (sz + tau * kappa) / (this.degree + 1);
    if (!(mu > 0)) return Infinity;
    const psi = (this.degree + 1) * Math.log(mu) - Math.log(tau) - Math.log(kappa) + barrier;
    return Number.isFinite(psi) ? psi : Infinity;
  }

  /**
   * The bound Ψ must stay under: Clarabel requires its (unnormalized) barrier sum to stay below 1,
   * and its exp-cone barriers sum to −3 per cone at the central point, so in this normalization the
   * bound is 1 + 3·(number of exp cones). Loose on purpose: it stops steps that throw cones far off
   * the central path, not ordinary progress (tighter bounds stalled the runs on short steps).
   */
  get bound(): number {
    return 1 + 3 * this.expCount;
  }
}

/** t² − ‖x‖² of the second-order block [start, end), as (t − ‖x‖)(t + ‖x‖) to limit cancellation. */
function socDet(v: Float64Array, start: number, end: number): number {
  let xx = 0;
  for (let i = start + 1; i < end; i++) xx += v[i]! * v[i]!;
  const norm = Math.sqrt(xx);
  return (v[start]! - norm) * (v[start]! + norm);
}
