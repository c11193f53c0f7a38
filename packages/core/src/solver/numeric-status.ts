/**
 * How a numeric routine ended (issue 12: a capped or failed solve is never reported as exact).
 * - `exact`: converged to its tolerance (to rounding); the value may be used as the answer.
 * - `capped`: stopped at an iteration cap before converging; the value is only an iterate.
 * - `failed`: a factorization or step broke down; the value is not to be trusted.
 */
export type NumericStatus = "exact" | "capped" | "failed";

/** A value with the status of the routine that produced it. */
export interface NumericResult {
  readonly value: number;
  readonly status: NumericStatus;
}

const RANK: Record<NumericStatus, number> = { exact: 0, capped: 1, failed: 2 };

/** The worse of two statuses (`failed` > `capped` > `exact`): what a chain of solves reports. */
export function worseStatus(a: NumericStatus, b: NumericStatus): NumericStatus {
  return RANK[a] >= RANK[b] ? a : b;
}
