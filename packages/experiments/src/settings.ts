/** The grids and caps of a run (the paper's Tables 4/5 by default). */
export interface RunSettings {
  /** ε grid of UserAlign and UserAlign-loss. @default [3, 2, 1, 0.5, 0.4, 0.3, 0.2, 0.1, 0] */
  readonly epsilons: readonly number[];
  /** IIDBEST budgets T. @default [0, 5, 10, 15, 20, 25, 50, 75, 100, 150, 199] */
  readonly budgets: readonly number[];
  /**
   * Step cap of the ε-stopped sessions: questions plus earlier answers added again (method.md step 7),
   * core's `maxSteps`. The paper's 199-step cap. @default 199
   */
  readonly maxSteps: number;
  /** Question cap of the ε-stopped sessions (core's `maxQuestions`). @default 199 */
  readonly maxQuestions: number;
  /** Steps (questions + replays) of the fixed-budget win-rate-per-step curves (0 = no curves). @default 40 */
  readonly steps: number;
  /** Steps of the Fig. 2 trace (synthetic2d only; 0 = none). @default 40 */
  readonly traceSteps: number;
  /** Grid points per axis of the Fig. 2 area integration. @default 241 */
  readonly traceResolution: number;
  /** Norm bound S. @default 3 */
  readonly S: number;
  /** Confidence level δ. @default 0.05 */
  readonly delta: number;
}

/** The paper's grids (method.md "Paper figures"). */
export const DEFAULT_SETTINGS: RunSettings = {
  epsilons: [3, 2, 1, 0.5, 0.4, 0.3, 0.2, 0.1, 0],
  budgets: [0, 5, 10, 15, 20, 25, 50, 75, 100, 150, 199],
  maxSteps: 199,
  maxQuestions: 199,
  steps: 40,
  traceSteps: 40,
  traceResolution: 241,
  S: 3,
  delta: 0.05,
};
