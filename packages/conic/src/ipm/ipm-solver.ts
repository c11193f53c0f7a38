import { CompositeCone } from "../cones/composite.js";
import { equilibrate } from "../equilibration.js";
import type { CheckedProblem } from "../input/validate.js";
import type { LdlEngine } from "../kernels/kernel.js";
import { KktSystem } from "../kkt/kkt-system.js";
import type { IpmSettings } from "../settings.js";
import type { ConicSolution } from "../solution.js";
import type { SolverStatus } from "../status.js";
import type { IpmConfiguration } from "./configuration.js";
import {
  checkpointBudget,
  checkpointInsufficientProgress,
  checkpointNonFinite,
  checkpointNumericalError,
  checkpointSmallStep,
  checkpointStalled,
  type Checkpoint,
} from "./checkpoints.js";
import { DirectionSolver } from "./direction.js";
import { IpmState } from "./ipm-state.js";
import { Neighbourhood } from "./neighbourhood.js";
import { PredictorCorrector } from "./predictor-corrector.js";
import { Residuals } from "./residuals.js";
import { CandidateWorkspace, candidateOf, judge, relativeResiduals, type Candidate, type Tolerances, type Verdict } from "./termination.js";
import type { Variables } from "./variables.js";

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
 * algorithm): equilibrate, initialize, then per iteration — residuals, termination test, the
 * strategy checkpoints, one predictor–corrector pass ({@link PredictorCorrector}) and a step of a
 * fixed fraction of the distance to the boundary. Each checkpoint (`checkpoints.ts`) decides, over
 * the one {@link IpmState}, whether the run goes on, redoes the iteration with another strategy, or
 * stops with a status.
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
  const cones = new CompositeCone(problem.cones, {
    expScaling: configuration.expScaling,
    expThirdOrderCorrection: configuration.expThirdOrderCorrection,
    symmetricBatch: engine.symmetricConeBatch,
    expBatch: engine.expConeBatch,
    socExpansionThreshold: settings.socExpansionThreshold,
  });
  const kkt = new KktSystem(problem, cones, engine, {
    regularization: { staticReg: settings.staticRegularization, dynamicEps: settings.dynamicEpsilon, dynamicDelta: settings.dynamicDelta },
    refinementSteps: settings.refinementSteps,
    refinementTolerance: settings.refinementTolerance,
  });
  const directions = new DirectionSolver(problem, cones, kkt, {
    maxSteps: settings.newtonRefinementSteps,
    relativeTolerance: NEWTON_REFINEMENT_TOLERANCE,
  });
  // Clarabel's barrier line search on the combined step, for problems with exp cones.
  const neighbourhood = cones.symmetric || !configuration.barrierLineSearch ? undefined : new Neighbourhood(problem.cones, m);
  const residuals = new Residuals(n, m);
  const pass = new PredictorCorrector(cones, kkt, directions, residuals, neighbourhood, settings, configuration);
  const state = new IpmState(n, m, cones.symmetric);
  const { v } = state;
  const candidateWork = new CandidateWorkspace(original.n, original.m);
  const full: Tolerances = {
    gapAbs: settings.tolGapAbs,
    gapRel: settings.tolGapRel,
    feas: settings.tolFeas,
    infeasAbs: settings.tolInfeasAbs,
    infeasRel: settings.tolInfeasRel,
  };
  const reduced: Tolerances = {
    gapAbs: settings.reducedTolerance,
    gapRel: settings.reducedTolerance,
    feas: settings.reducedTolerance,
    infeasAbs: settings.reducedTolerance,
    infeasRel: settings.reducedTolerance,
  };

  const finish = (status: SolverStatus, verdict: Verdict | undefined, c: Candidate | undefined, iterations: number): ConicSolution =>
    buildSolution(status, verdict, c ?? candidateOf(original, eq, v), iterations, clock() - started, configuration.name, n, m);
  // When the run ends without meeting the full tolerances, the reduced ones decide the `almost_*` statuses.
  const stop = (checkpoint: Extract<Checkpoint, { kind: "fail" }>): ConicSolution => {
    const c = state.last ?? candidateOf(original, eq, v);
    const verdict = judge(original, c, reduced, true);
    return finish(verdict ? verdict.status : checkpoint.status, verdict, c, checkpoint.iterations);
  };

  if (!initialize(v, problem, cones, kkt, configuration)) return finish("numerical_error", undefined, undefined, 0);

  for (; ; state.iteration++) {
    residuals.update(problem, v);
    const mu = v.complementarity(cones);
    const last = (state.last = candidateOf(original, eq, v, candidateWork));
    run.onIteration?.({
      iteration: state.iteration,
      primalObjective: last.primalObjective,
      dualObjective: last.dualObjective,
      primalResidual: last.primalResidual,
      dualResidual: last.dualResidual,
      mu,
      tau: v.tau,
      kappa: v.kappa,
      step: state.lastStep,
      sigma: state.lastSigma,
    });
    const verdict = judge(original, last, full, false);
    if (verdict) return finish(verdict.status, verdict, last, state.iteration);
    const relative = relativeResiduals(original, last);

    // The checkpoints in Clarabel's order; the first that does not say `no_update` decides.
    let checkpoint = checkpointInsufficientProgress(
      state,
      relative,
      settings.tolFeas,
      () => (state.last = candidateOf(original, eq, v, candidateWork)),
    );
    if (checkpoint.kind === "no_update") checkpoint = checkpointNonFinite(state, mu);
    if (checkpoint.kind === "no_update")
      checkpoint = checkpointBudget(state, settings.maxIter, (clock() - started) / 1000, settings.timeLimit);
    if (checkpoint.kind === "no_update") {
      const alpha = pass.iterate(state, mu);
      checkpoint = alpha === "failed" ? checkpointNumericalError(state) : checkpointSmallStep(state, alpha);
      if (checkpoint.kind === "no_update" && alpha !== "failed") {
        state.previous.copyFrom(v);
        state.previousResiduals = relative;
        v.addStep(state.step, alpha);
        rescale(v);
        checkpoint = checkpointStalled(state);
      }
    }
    if (checkpoint.kind === "fail") return stop(checkpoint);
  }
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

function buildSolution(
  status: SolverStatus,
  verdict: Verdict | undefined,
  c: Candidate,
  iterations: number,
  ms: number,
  solver: string,
  n: number,
  m: number,
): ConicSolution {
  const nanN = () => new Float64Array(n).fill(Number.NaN);
  const nanM = () => new Float64Array(m).fill(Number.NaN);
  if (verdict && "y" in verdict) {
    return {
      status,
      x: nanN(),
      y: verdict.y,
      s: nanM(),
      primalObjective: Number.NaN,
      dualObjective: Number.NaN,
      primalResidual: c.primalResidual,
      dualResidual: c.dualResidual,
      iterations,
      solveTimeMs: ms,
      solver,
    };
  }
  if (verdict && "x" in verdict) {
    return {
      status,
      x: verdict.x,
      y: nanM(),
      s: verdict.s,
      primalObjective: Number.NaN,
      dualObjective: Number.NaN,
      primalResidual: c.primalResidual,
      dualResidual: c.dualResidual,
      iterations,
      solveTimeMs: ms,
      solver,
    };
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
