import type { SolverStatus } from "../status.js";
import type { IpmState, RelativeResiduals } from "./ipm-state.js";

/**
 * What a strategy checkpoint decides (Clarabel's `StrategyCheckpoint`): `update` — the strategy
 * changed (exp cones switched to the dual scaling), redo the iteration from the current iterate;
 * `skip` — no step this iteration, go on to the next from the same iterate; `no_update` — carry on; `fail` — stop with this status after this many iterations (the iterate is
 * then judged at the reduced tolerances).
 */
export type Checkpoint =
  | { readonly kind: "update" }
  | { readonly kind: "skip" }
  | { readonly kind: "no_update" }
  | { readonly kind: "fail"; readonly status: SolverStatus; readonly iterations: number };

const UPDATE: Checkpoint = { kind: "update" };
const SKIP: Checkpoint = { kind: "skip" };
const NO_UPDATE: Checkpoint = { kind: "no_update" };
const fail = (status: SolverStatus, iterations: number): Checkpoint => ({ kind: "fail", status, iterations });

/** Going backwards: a relative residual above this multiple of the feasibility tolerance … */
export const BACKWARDS_TOLERANCE_FACTOR = 100;
/** … and above this multiple of its value before the step (Clarabel's 100 and 100). */
export const BACKWARDS_GROWTH_FACTOR = 100;
/** A combined step shorter than this switches the exp cones to the dual scaling (Clarabel's 0.1). */
export const SWITCH_STEP = 0.1;
/** A step of at most this is no step at all: the iterate is left as it is. */
export const NO_STEP = 1e-10;
/** Steps below this count as stalled iterations. */
export const SHORT_STEP = 1e-3;
/** Iterations without a step after which the run stops (`insufficient_progress`). */
export const MAX_NO_STEPS = 3;
/** Stalled iterations in a row (no step or a short one) after which the run stops. */
export const MAX_STALLS = 5;

/**
 * Clarabel's insufficient-progress test: while heading for a solution (κ < τ), a step that raised a
 * relative residual above 100× the feasibility tolerance and 100× its previous value is undone; the
 * primal–dual phase switches to the dual scaling, the dual phase stops. Random exp-cone seed 115
 * (`ecos`): one step of 0.88 at σ = 0.92 raised the primal residual from 6e-9 to 1e-5 and the run
 * took 49 iterations. `restored` is called after the undo when the run stops (to re-read the iterate).
 */
export function checkpointInsufficientProgress(
  state: IpmState,
  relative: RelativeResiduals,
  tolFeas: number,
  restored: () => void,
): Checkpoint {
  const before = state.previousResiduals;
  if (!before || !goingBackwards(relative, before, state, tolFeas)) return NO_UPDATE;
  state.v.copyFrom(state.previous);
  state.previousResiduals = undefined;
  if (state.canSwitch()) {
    state.switchToDualScaling();
    return UPDATE;
  }
  restored();
  return fail("insufficient_progress", state.iteration);
}

function goingBackwards(now: RelativeResiduals, before: RelativeResiduals, state: IpmState, tolFeas: number): boolean {
  if (!(state.v.kappa < state.v.tau)) return false;
  const worse = (a: number, b: number) => a > BACKWARDS_TOLERANCE_FACTOR * tolFeas && a > BACKWARDS_GROWTH_FACTOR * b;
  return worse(now.primal, before.primal) || worse(now.dual, before.dual);
}

/** μ or τ no longer finite: `numerical_error`. */
export function checkpointNonFinite(state: IpmState, mu: number): Checkpoint {
  return !Number.isFinite(mu) || !Number.isFinite(state.v.tau) ? fail("numerical_error", state.iteration) : NO_UPDATE;
}

/** The iteration and time limits (`elapsedSeconds` on the injected clock). */
export function checkpointBudget(state: IpmState, maxIter: number, elapsedSeconds: number, timeLimit: number): Checkpoint {
  if (state.iteration >= maxIter) return fail("max_iterations", state.iteration);
  if (elapsedSeconds >= timeLimit) return fail("max_time", state.iteration);
  return NO_UPDATE;
}

/** The scaling update, factorization or a direction failed: switch to the dual scaling once, else `numerical_error`. */
export function checkpointNumericalError(state: IpmState): Checkpoint {
  if (!state.canSwitch()) return fail("numerical_error", state.iteration);
  state.switchToDualScaling();
  return UPDATE;
}

/**
 * The step length α of the combined direction: a short one (< 0.1) switches the exp cones to the
 * dual scaling (Clarabel's small-step strategy); no step (≤ 1e-10) leaves the iterate and counts a
 * stall — three in all stop the run; a step below 1e-3 counts a stall too and five in a row stop it
 * after the step is taken ({@link checkpointStalled}). `no_update` means: take the step.
 */
export function checkpointSmallStep(state: IpmState, alpha: number): Checkpoint {
  if (alpha < SWITCH_STEP && state.canSwitch()) {
    state.switchToDualScaling();
    return UPDATE;
  }
  if (!(alpha > NO_STEP)) {
    if (++state.stalls >= MAX_NO_STEPS) return fail("insufficient_progress", state.iteration + 1);
    return SKIP;
  }
  state.stalls = alpha < SHORT_STEP ? state.stalls + 1 : 0;
  return NO_UPDATE;
}

/** After a step: too many short steps in a row stop the run. */
export function checkpointStalled(state: IpmState): Checkpoint {
  return state.stalls >= MAX_STALLS ? fail("insufficient_progress", state.iteration + 1) : NO_UPDATE;
}
