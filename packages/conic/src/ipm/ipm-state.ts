import type { Candidate } from "./termination.js";
import { Variables } from "./variables.js";

/** Primal and dual residuals relative to the data and iterate sizes (as the optimality test scales them). */
export interface RelativeResiduals {
  readonly primal: number;
  readonly dual: number;
}

/**
 * Everything that changes during one interior-point run, in one place: the iterate and its work
 * directions, the last accepted iterate (for the going-backwards undo), the strategy (exp-cone
 * scaling) and the counters the strategy checkpoints read and update.
 */
export class IpmState {
  /** The iterate (x, s, z, τ, κ), scaled problem. */
  readonly v: Variables;
  /** The combined (corrector) direction of the current iteration. */
  readonly step: Variables;
  /** The affine (predictor) direction of the current iteration. */
  readonly affine: Variables;
  /** The iterate before the last step, restored when that step made the residuals much worse. */
  readonly previous: Variables;
  /** Relative residuals at `previous`; undefined until a step was taken, and after an undo. */
  previousResiduals: RelativeResiduals | undefined;
  /** The current iterate mapped back to the user's problem (set every iteration). */
  last: Candidate | undefined;
  iteration = 0;
  /** Consecutive iterations with no step, or with a short one (see the small-step checkpoint). */
  stalls = 0;
  /** Step length and centring σ of the last combined step (reported to `onIteration`). */
  lastStep = 0;
  lastSigma = 0;
  /** Exp cones: scaled with the dual barrier Hessian only (Clarabel's fallback strategy), for good once set. */
  dualOnly = false;

  constructor(
    n: number,
    m: number,
    /** Whether every cone is symmetric (then there is no exp-cone strategy to switch to). */
    private readonly symmetric: boolean,
  ) {
    this.v = new Variables(n, m);
    this.step = new Variables(n, m);
    this.affine = new Variables(n, m);
    this.previous = new Variables(n, m);
  }

  /** Whether a failure can still be answered by switching the exp cones to the dual scaling. */
  canSwitch(): boolean {
    return !this.symmetric && !this.dualOnly;
  }

  /** Switches for good to the dual scaling; the iteration is then redone from the same iterate. */
  switchToDualScaling(): void {
    this.dualOnly = true;
  }
}
