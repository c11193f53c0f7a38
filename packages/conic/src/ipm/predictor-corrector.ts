import type { CompositeCone } from "../cones/composite.js";
import type { KktSystem } from "../kkt/kkt-system.js";
import type { IpmSettings } from "../settings.js";
import type { IpmConfiguration } from "./configuration.js";
import type { DirectionSolver, StepRhs } from "./direction.js";
import type { IpmState } from "./ipm-state.js";
import type { Neighbourhood } from "./neighbourhood.js";
import type { Residuals } from "./residuals.js";
import { scalarStep, type Variables } from "./variables.js";

/** Regularization multiple for the one retry of a failed factorization. */
export const FACTOR_RETRY_REGULARIZATION = 1e3;
/** Barrier line search: α is multiplied by this … */
export const BACKTRACK_FACTOR = 0.8;
/** … at most this many times (Clarabel's barrier line search). */
export const MAX_BACKTRACKS = 50;

/**
 * One predictor–corrector pass of the interior-point method: scaling update and one KKT
 * factorization, an affine (predictor) direction, centring σ = (1 − α_aff)³, and a combined
 * (corrector) direction with Mehrotra's second-order term, cut back by the barrier line search
 * where exp cones need it. Directions go into the state's `affine` and `step`.
 */
export class PredictorCorrector {
  private readonly rhs: StepRhs;

  constructor(
    private readonly cones: CompositeCone,
    private readonly kkt: KktSystem,
    private readonly directions: DirectionSolver,
    private readonly residuals: Residuals,
    /** Clarabel's barrier line search on the combined step (problems with exp cones), or none. */
    private readonly neighbourhood: Neighbourhood | undefined,
    private readonly settings: IpmSettings,
    private readonly configuration: IpmConfiguration,
  ) {
    const n = residuals.rx.length;
    const m = residuals.rz.length;
    this.rhs = { dx: new Float64Array(n), dz: new Float64Array(m), dtau: 0, ds: new Float64Array(m), dkappa: 0 };
  }

  /** One pass at the state's iterate; returns the step length to take along `state.step`, or "failed". */
  iterate(state: IpmState, mu: number): number | "failed" {
    const { v, affine } = state;
    const { cones, kkt, directions, residuals, rhs } = this;
    if (!cones.updateScaling(v.s, v.z, mu, state.dualOnly)) return "failed";
    let factored = kkt.factor();
    // One retry with stronger regularization before giving up on this iterate.
    if (!factored) factored = kkt.factor(FACTOR_RETRY_REGULARIZATION);
    if (!factored || !directions.prepare(v, residuals.Px)) return "failed";

    // Predictor: drive residuals and complementarity to zero.
    rhs.dx.set(residuals.rx);
    rhs.dz.set(residuals.rz);
    rhs.dtau = residuals.rtau;
    cones.affineDs(rhs.ds, v.s);
    rhs.dkappa = v.tau * v.kappa;
    if (!directions.solve(v, rhs, affine)) return "failed";
    let alphaAffine = stepLength(v, affine, cones, 1);
    // σ comes from the affine step the barrier line search allows, not the one the cones allow: σ
    // predicts how far the combined step can go, and where the neighbourhood binds first a
    // cone-limited α_aff gives too little centring. Random exp-cone seed 20 (`ecos`): after the
    // switch to the dual scaling the iterate sat at the neighbourhood's edge (Ψ = 6.98 of 7) with a
    // long affine step, σ ≈ 1e-3, a combined direction leaving the neighbourhood at once, steps of
    // ~1e-3 keeping it at the edge — `insufficient_progress`. Confidence-set seed 38 (`clarabel`):
    // with too little centring late in the run, exp cones were pushed against their boundaries (s
    // and z both), the primal–dual scaling of those cones lost definiteness, the step was blocked
    // (α = 7e-4), and after the switch the dual scaling could not re-centre them — `almost_solved`.
    alphaAffine = this.backtrackToNeighbourhood(v, affine, alphaAffine);
    // Math.pow, not `**` (the same function in V8): engines round pow differently in the last
    // place, and where results must not depend on the engine (the browser test) a caller can
    // substitute a portable Math.pow; an operator cannot be substituted.
    const sigma = Math.min(1, Math.max(0, Math.pow(1 - alphaAffine, 3)));

    // Corrector: keep (1 − σ) of the residuals, aim at σμ, add the second-order terms — damped by
    // α_aff in the first iteration, where the start may be badly centred (as Clarabel does).
    const weight = this.configuration.higherOrderCorrection ? (state.iteration === 0 ? alphaAffine : 1) : 0;
    for (let i = 0; i < affine.z.length; i++) affine.z[i]! *= weight;
    const alpha = this.corrector(state, mu, sigma, weight);
    if (alpha === "failed") return "failed";
    state.lastStep = alpha;
    return alpha;
  }

  /** The combined (corrector) direction into `state.step` for centring σ; returns its step length after the barrier line search. */
  private corrector(state: IpmState, mu: number, sigma: number, weight: number): number | "failed" {
    const { v, affine, step } = state;
    const { cones, residuals, rhs, settings } = this;
    for (let j = 0; j < rhs.dx.length; j++) rhs.dx[j] = (1 - sigma) * residuals.rx[j]!;
    for (let i = 0; i < rhs.dz.length; i++) rhs.dz[i] = (1 - sigma) * residuals.rz[i]!;
    rhs.dtau = (1 - sigma) * residuals.rtau;
    cones.affineDs(rhs.ds, v.s);
    cones.combinedDsShift(rhs.ds, affine.z, affine.s, sigma * mu);
    rhs.dkappa = v.tau * v.kappa + weight * affine.tau * affine.kappa - sigma * mu;
    if (!this.directions.solve(v, rhs, step)) return "failed";
    state.lastSigma = sigma;
    const alpha = Math.min(1, settings.maxStepFraction * stepLength(v, step, cones, 1 / settings.maxStepFraction));
    return this.backtrackToNeighbourhood(v, step, alpha);
  }

  /** Clarabel's barrier line search: α × 0.8 (at most 50 times) until v + α·d is inside the neighbourhood; α unchanged without exp cones. */
  private backtrackToNeighbourhood(v: Variables, d: Variables, alpha: number): number {
    const neighbourhood = this.neighbourhood;
    if (!neighbourhood) return alpha;
    const bound = neighbourhood.bound;
    for (let k = 0; k < MAX_BACKTRACKS && !(neighbourhood.proximity(v, d, alpha) < bound); k++) alpha *= BACKTRACK_FACTOR;
    return alpha;
  }
}

/** Largest α ≤ alphaMax keeping s, z in their cones and τ, κ ≥ 0. */
function stepLength(v: Variables, d: Variables, cones: CompositeCone, alphaMax: number): number {
  const alpha = scalarStep(v, d, alphaMax);
  return cones.stepLength(d.z, d.s, v.z, v.s, alpha);
}
