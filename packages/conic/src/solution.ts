import type { SolverStatus } from "./status.js";

/**
 * The result of a solve. For `solved`/`almost_solved`, (x, y, s) is an optimal primal–dual triple.
 * For `primal_infeasible`, y is a certificate (Aᵀy = 0, bᵀy < 0, y ∈ K*) and x, s are NaN-filled.
 * For `dual_infeasible`, x and s form a certificate (Px = 0, qᵀx < 0, Ax + s = 0, s ∈ K) and y is NaN-filled.
 */
export interface ConicSolution {
  readonly status: SolverStatus;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly s: Float64Array;
  /** ½xᵀPx + qᵀx at x (NaN when infeasible). */
  readonly primalObjective: number;
  /** The dual objective −½xᵀPx − bᵀy (NaN when infeasible). */
  readonly dualObjective: number;
  /** Scaled primal and dual residual norms at termination. */
  readonly primalResidual: number;
  readonly dualResidual: number;
  readonly iterations: number;
  /** Wall time of the solve in milliseconds. */
  readonly solveTimeMs: number;
  /** Which solver produced this result (`clarabel`, `ecos`, `scs`, …; in a chain, the one that succeeded). */
  readonly solver: string;
  /**
   * Which LDLᵀ kernels the interior-point solvers ran on: `wasm`, or `ts` when asked for or when the
   * WebAssembly module could not be loaded (e.g. a Content-Security-Policy without
   * `'wasm-unsafe-eval'`), so a silent fallback is visible. Absent for solvers without those kernels.
   */
  readonly kernels?: "ts" | "wasm";
}
