/** One benchmark configuration. */
export interface GridPoint {
  n: number;
  d: number;
  t: number;
}

/** A grid and how hard to time it. */
export interface GridSpec {
  readonly ns: readonly number[];
  readonly ds: readonly number[];
  readonly ts: readonly number[];
  /** Timed repetitions of the default backend (others: fewer when slow, at least 3). */
  readonly reps: number;
  readonly warmup: number;
  /** A backend is skipped where one step is predicted to take longer than this (ms). */
  readonly maxStepMs: number;
  /** Repetitions of a non-default backend are cut to fit this much time per configuration (ms). */
  readonly configBudgetMs: number;
  /** After this much wall time (ms), only the default backend keeps running. */
  readonly runBudgetMs: number;
}

/** Issue #4's grid: N ∈ {20 … 1000}, d ∈ {2, 64, 512}, t ∈ {0, 5, 20, 50}; ≤ 10 minutes here. */
export const FULL_GRID: GridSpec = {
  ns: [20, 40, 100, 200, 500, 1000],
  ds: [2, 64, 512],
  ts: [0, 5, 20, 50],
  reps: 11,
  warmup: 2,
  maxStepMs: 2000,
  configBudgetMs: 5000,
  runBudgetMs: 8.5 * 60_000,
};

/** The CI configuration: small, a few seconds, enough for within-run speed ratios. */
export const CI_GRID: GridSpec = {
  ns: [20, 100],
  ds: [2, 16],
  ts: [5, 20],
  reps: 7,
  warmup: 2,
  maxStepMs: 600,
  configBudgetMs: 1000,
  runBudgetMs: 60_000,
};

/** Grid points in the order they run: d, then t, then N ascending (so smaller sizes predict larger ones). */
export function gridPoints(spec: GridSpec): GridPoint[] {
  return spec.ds.flatMap((d) => spec.ts.flatMap((t) => spec.ns.map((n) => ({ n, d, t }))));
}
