import { CompositeCone } from "../cones/composite.js";
import { equilibrate } from "../equilibration.js";
import type { CheckedProblem } from "../input/validate.js";
import type { LdlEngine } from "../kernels/kernel.js";
import { KktSystem } from "../kkt/kkt-system.js";
import type { IpmSettings } from "../settings.js";
import type { ConicSolution } from "../solution.js";
import type { SolverStatus } from "../status.js";
import type { IpmConfiguration } from "./configuration.js";
import { DirectionSolver, type StepRhs } from "./direction.js";
import { Neighbourhood } from "./neighbourhood.js";
import { Residuals } from "./residuals.js";
import { CandidateWorkspace, candidateOf, judge, relativeResiduals, type Candidate, type Tolerances, type Verdict } from "./termination.js";
import { scalarStep, Variables } from "./variables.js";

/** Milliseconds from an arbitrary origin (injected: tests drive time limits with a fake clock). */
export type Clock = () => number;

/**
 * Directions are refined on the whole linearized system only while its residual exceeds this
 * fraction of the right-hand side: the late-stage errors it targets are 1e-4–1e-2 relative, while
 * on LPs and SOCPs the directions are already accurate to ~1e-14 and a refinement that always ran
 * cost up to 2× on the large banded benchmark problems (extra solves with a dense-ish factor).
 */
const NEWTON_REFINEMENT_TOLERANCE = 1e-10;

/** Everything one run needs besides the problem. */
export interface IpmRun {
  readonly settings: IpmSettings;
  readonly configuration: IpmConfiguration;
  readonly engine: LdlEngine;
  readonly clock: Clock;
  /** Called once per iteration (progress display, diagnostics). */
  readonly onIteration?: ((info: IterationInfo) => void) | undefined;
}

/** What one iteration reports to `onIteration`. */
export interface IterationInfo {
  readonly iteration: number;
  readonly primalObjective: number;
  readonly dualObjective: number;
  readonly primalResidual: number;
  readonly dualResidual: number;
  readonly mu: number;
  readonly tau: number;
  readonly kappa: number;
  /** Step taken in the previous iteration (0 before the first). */
  readonly step: number;
  readonly sigma: number;
}

/**
 * The primal–dual interior-point method on the homogeneous self-dual embedding (Clarabel's
 * algorithm): equilibrate, initialize, then per iteration — residuals, termination test, scaling
 * update and one KKT factorization, an affine (predictor) direction, centering σ = (1 − α_aff)³, a
 * combined (corrector) direction with Mehrotra's second-order term, and a step of a fixed fraction of
 * the distance to the boundary.
 */
export function runIpm(original: CheckedProblem, run: IpmRun): ConicSolution {
  const { settings, configuration, engine, clock } = run;
  const started = clock();
  const eq = equilibrate(original, {
    iterations: settings.equilibrate ? settings.equilibrateIterations : 0,
    minScaling: settings.equilibrateMinScaling,
    maxScaling: settings.equilibrateMaxScaling,
  });
  const problem = eq.scaled;
  const { n, m } = problem;
  const cones = new CompositeCone(problem.cones, { expScaling: configuration.expScaling, expThirdOrderCorrection: configuration.expThirdOrderCorrection, symmetricBatch: engine.symmetricConeBatch, expBatch: engine.expConeBatch, socExpansionThreshold: settings.socExpansionThreshold });
  const kkt = new KktSystem(problem, cones, engine, {
    regularization: { staticReg: settings.staticRegularization, dynamicEps: settings.dynamicEpsilon, dynamicDelta: settings.dynamicDelta },
    refinementSteps: settings.refinementSteps,
    refinementTolerance: settings.refinementTolerance,
  });
  const directions = new DirectionSolver(problem, cones, kkt, { maxSteps: settings.newtonRefinementSteps, relativeTolerance: NEWTON_REFINEMENT_TOLERANCE });
  // Clarabel's barrier line search on the combined step, for problems with exp cones.
  const neighbourhood = cones.symmetric || !configuration.barrierLineSearch ? undefined : new Neighbourhood(problem.cones, m);
  const v = new Variables(n, m);
  const step = new Variables(n, m);
  const affine = new Variables(n, m);
  const previous = new Variables(n, m);
  let previousResiduals: { readonly primal: number; readonly dual: number } | undefined;
  const residuals = new Residuals(n, m);
  const candidateWork = new CandidateWorkspace(original.n, original.m);
  const rhs: StepRhs = { dx: new Float64Array(n), dz: new Float64Array(m), dtau: 0, ds: new Float64Array(m), dkappa: 0 };
  const full: Tolerances = { gapAbs: settings.tolGapAbs, gapRel: settings.tolGapRel, feas: settings.tolFeas, infeasAbs: settings.tolInfeasAbs, infeasRel: settings.tolInfeasRel };
  const reduced: Tolerances = { gapAbs: settings.reducedTolerance, gapRel: settings.reducedTolerance, feas: settings.reducedTolerance, infeasAbs: settings.reducedTolerance, infeasRel: settings.reducedTolerance };

  const finish = (status: SolverStatus, verdict: Verdict | undefined, c: Candidate | undefined, iterations: number): ConicSolution =>
    buildSolution(status, verdict, c ?? candidateOf(original, eq, v), iterations, clock() - started, configuration.name, n, m);

  if (!initialize(v, problem, cones, kkt, configuration)) return finish("numerical_error", undefined, undefined, 0);

  let last: Candidate | undefined;
  let stalls = 0;
  let lastStep = 0;
  let lastSigma = 0;
  // Clarabel's strategy: the primal–dual scaling for exp cones first; on a numerical failure or a
  // short step, switch for good to the dual scaling (and redo the iteration).
  let dualOnly = false;
  const canSwitch = () => !cones.symmetric && !dualOnly;
  for (let iteration = 0; ; iteration++) {
    residuals.update(problem, v);
    const mu = v.complementarity(cones);
    last = candidateOf(original, eq, v, candidateWork);
    run.onIteration?.({ iteration, primalObjective: last.primalObjective, dualObjective: last.dualObjective, primalResidual: last.primalResidual, dualResidual: last.dualResidual, mu, tau: v.tau, kappa: v.kappa, step: lastStep, sigma: lastSigma });
    const verdict = judge(original, last, full, false);
    if (verdict) return finish(verdict.status, verdict, last, iteration);
    const relative = relativeResiduals(original, last);
    // Clarabel's insufficient-progress test: a step that made the residuals much worse is undone;
    // the primal–dual phase switches to the dual scaling, the dual phase stops (then the previous
    // iterate is judged at the reduced tolerances). Random exp-cone seed 115 (`ecos`): one step of
    // 0.88 at σ = 0.92 raised the primal residual from 6e-9 to 1e-5 and the run took 49 iterations.
    if (previousResiduals && goingBackwards(relative, previousResiduals, v, settings.tolFeas)) {
      v.copyFrom(previous);
      previousResiduals = undefined;
      if (canSwitch()) {
        dualOnly = true;
        continue;
      }
      last = candidateOf(original, eq, v, candidateWork);
      return fallbackFinish("insufficient_progress", iteration);
    }
    if (!Number.isFinite(mu) || !Number.isFinite(v.tau)) return fallbackFinish("numerical_error", iteration);
    if (iteration >= settings.maxIter) return fallbackFinish("max_iterations", iteration);
    if ((clock() - started) / 1000 >= settings.timeLimit) return fallbackFinish("max_time", iteration);

    const outcome = iterate(mu, iteration === 0);
    if (outcome === "failed") {
      if (canSwitch()) {
        dualOnly = true;
        continue;
      }
      return fallbackFinish("numerical_error", iteration);
    }
    const alpha = outcome;
    if (alpha < 0.1 && canSwitch()) {
      dualOnly = true;
      continue;
    }
    if (!(alpha > 1e-10)) {
      if (++stalls >= 3) return fallbackFinish("insufficient_progress", iteration + 1);
      continue;
    }
    stalls = alpha < 1e-3 ? stalls + 1 : 0;
    previous.copyFrom(v);
    previousResiduals = relative;
    v.addStep(step, alpha);
    rescale(v);
    if (stalls >= 5) return fallbackFinish("insufficient_progress", iteration + 1);
  }

  /** One predictor–corrector pass at v; returns the step length to take, or "failed". */
  function iterate(mu: number, first: boolean): number | "failed" {
    if (!cones.updateScaling(v.s, v.z, mu, dualOnly)) return "failed";
    let factored = kkt.factor();
    // One retry with stronger regularization before giving up on this iterate.
    if (!factored) factored = kkt.factor(1e3);
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
    alphaAffine = backtrackToNeighbourhood(affine, alphaAffine);
    // Math.pow, not `**` (the same function in V8): engines round pow differently in the last
    // place, and where results must not depend on the engine (the browser test) a caller can
    // substitute a portable Math.pow; an operator cannot be substituted.
    const sigma = Math.min(1, Math.max(0, Math.pow(1 - alphaAffine, 3)));

    // Corrector: keep (1 − σ) of the residuals, aim at σμ, add the second-order terms — damped by
    // α_aff in the first iteration, where the start may be badly centred (as Clarabel does).
    const weight = configuration.higherOrderCorrection ? (first ? alphaAffine : 1) : 0;
    for (let i = 0; i < m; i++) affine.z[i]! *= weight;
    const alpha = corrector(mu, sigma, weight);
    if (alpha === "failed") return "failed";
    lastStep = alpha;
    return lastStep;
  }

  /** The combined (corrector) direction into `step` for centring σ; returns its step length after the barrier line search. */
  function corrector(mu: number, sigma: number, weight: number): number | "failed" {
    for (let j = 0; j < n; j++) rhs.dx[j] = (1 - sigma) * residuals.rx[j]!;
    for (let i = 0; i < m; i++) rhs.dz[i] = (1 - sigma) * residuals.rz[i]!;
    rhs.dtau = (1 - sigma) * residuals.rtau;
    cones.affineDs(rhs.ds, v.s);
    cones.combinedDsShift(rhs.ds, affine.z, affine.s, sigma * mu);
    rhs.dkappa = v.tau * v.kappa + weight * affine.tau * affine.kappa - sigma * mu;
    if (!directions.solve(v, rhs, step)) return "failed";
    lastSigma = sigma;
    let alpha = Math.min(1, settings.maxStepFraction * stepLength(v, step, cones, 1 / settings.maxStepFraction));
    return backtrackToNeighbourhood(step, alpha);
  }

  /** Clarabel's barrier line search: α × 0.8 (at most 50 times) until v + α·d is inside the neighbourhood; α unchanged without exp cones. */
  function backtrackToNeighbourhood(d: Variables, alpha: number): number {
    if (!neighbourhood) return alpha;
    const bound = neighbourhood.bound;
    for (let k = 0; k < 50 && !(neighbourhood.proximity(v, d, alpha) < bound); k++) alpha *= 0.8;
    return alpha;
  }

  // When the run ends without meeting the full tolerances, the reduced ones decide the `almost_*` statuses.
  function fallbackFinish(status: SolverStatus, iterations: number): ConicSolution {
    const c = last ?? candidateOf(original, eq, v);
    const verdict = judge(original, c, reduced, true);
    return finish(verdict ? verdict.status : status, verdict, c, iterations);
  }
}

/**
 * Clarabel's "going backwards" test: while heading for a solution (κ < τ), a step that raised a
 * relative residual above 100× the feasibility tolerance and 100× its previous value.
 */
function goingBackwards(now: { readonly primal: number; readonly dual: number }, before: { readonly primal: number; readonly dual: number }, v: Variables, tolFeas: number): boolean {
  if (!(v.kappa < v.tau)) return false;
  return (now.primal > 100 * tolFeas && now.primal > 100 * before.primal) || (now.dual > 100 * tolFeas && now.dual > 100 * before.dual);
}

/** Keeps max(τ, κ) = 1: the embedding is homogeneous, and this stops infeasible runs from overflowing. */
function rescale(v: Variables): void {
  const scale = Math.max(v.tau, v.kappa);
  if (!(scale > 0) || scale === 1) return;
  for (let i = 0; i < v.x.length; i++) v.x[i]! /= scale;
  for (let i = 0; i < v.s.length; i++) v.s[i]! /= scale;
  for (let i = 0; i < v.z.length; i++) v.z[i]! /= scale;
  v.tau /= scale;
  v.kappa /= scale;
}

/** Largest α ≤ alphaMax keeping s, z in their cones and τ, κ ≥ 0. */
function stepLength(v: Variables, d: Variables, cones: CompositeCone, alphaMax: number): number {
  const alpha = scalarStep(v, d, alphaMax);
  return cones.stepLength(d.z, d.s, v.z, v.s, alpha);
}

/** Symmetric: least-squares (x, s) and minimum-norm z from the KKT system with H = I, shifted into the cones; otherwise the cones' unit point. */
function initialize(v: Variables, problem: CheckedProblem, cones: CompositeCone, kkt: KktSystem, configuration: IpmConfiguration): boolean {
  v.tau = 1;
  v.kappa = 1;
  v.x.fill(0);
  cones.unitInitialization(v.s, v.z);
  if (configuration.initialization !== "symmetric" || !cones.symmetric) return true;
  // With s = z = e every symmetric cone's scaling is H = I.
  if (!cones.updateScaling(v.s, v.z, 1, false) || !kkt.factor()) return false;
  const { n, m, q, b } = problem;
  const minusQ = q.map((x) => -x);
  const zPrimal = new Float64Array(m);
  const xDual = new Float64Array(n);
  // [P Aᵀ; A −I][x; z] = [−q; b]: x minimizes ½xᵀPx + qᵀx + ½‖b − Ax‖², and s = b − Ax = −z.
  if (!kkt.solve(minusQ, b, v.x, zPrimal)) return false;
  for (let i = 0; i < m; i++) v.s[i] = -zPrimal[i]!;
  // [P Aᵀ; A −I][x; z] = [−q; 0]: the minimum-norm dual z with Px + Aᵀz + q = 0 (approximately).
  if (!kkt.solve(minusQ, new Float64Array(m), xDual, v.z)) return false;
  cones.shiftToInterior(v.s, false);
  cones.shiftToInterior(v.z, true);
  return true;
}

function buildSolution(status: SolverStatus, verdict: Verdict | undefined, c: Candidate, iterations: number, ms: number, solver: string, n: number, m: number): ConicSolution {
  const nanN = () => new Float64Array(n).fill(Number.NaN);
  const nanM = () => new Float64Array(m).fill(Number.NaN);
  if (verdict && "y" in verdict) {
    return { status, x: nanN(), y: verdict.y, s: nanM(), primalObjective: Number.NaN, dualObjective: Number.NaN, primalResidual: c.primalResidual, dualResidual: c.dualResidual, iterations, solveTimeMs: ms, solver };
  }
  if (verdict && "x" in verdict) {
    return { status, x: verdict.x, y: nanM(), s: verdict.s, primalObjective: Number.NaN, dualObjective: Number.NaN, primalResidual: c.primalResidual, dualResidual: c.dualResidual, iterations, solveTimeMs: ms, solver };
  }
  return {
    status,
    x: c.x,
    y: c.z,
    s: c.s,
    primalObjective: c.primalObjective,
    dualObjective: c.dualObjective,
    primalResidual: c.primalResidual,
    dualResidual: c.dualResidual,
    iterations,
    solveTimeMs: ms,
    solver,
  };
}

