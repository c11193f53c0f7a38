import { checkProblem } from "../input/validate.js";
import type { ConeType, ConicProblem } from "../problem.js";
import type { ConicSolution } from "../solution.js";
import type { SyncConicSolver } from "../sync-ipm.js";
import { runAdmm } from "./admm.js";
import { resolveScsSettings, type ScsSettings } from "./scs-settings.js";

/** Options of {@link createScsSolver}. */
export interface ScsSolverOptions {
  /** Default settings for every solve (per-solve settings override them). @default DEFAULT_SCS_SETTINGS */
  readonly settings?: Partial<ScsSettings>;
  /** Clock in milliseconds, for `solveTimeMs` and the time limit. @default performance.now (Date.now where absent) */
  readonly now?: () => number;
}

// `performance` exists in browsers, workers and Node, but is not in the ES library types.
const perf = (globalThis as { performance?: { now(): number } }).performance;
const defaultNow = () => (perf ? perf.now() : Date.now());

/**
 * The first-order solver `scs`: ADMM on the homogeneous self-dual embedding (see `runAdmm`), with
 * projections onto zero, nonnegative, second-order and exponential cones, simple equilibration,
 * over-relaxation and adaptive scaling. Moderate accuracy (1e-6 relative by default, reached
 * slowly on hard problems); infeasibility comes with certificates. Input is checked by the same
 * `checkProblem` as the interior-point solvers, before any iteration.
 */
export function createScsSolver(options: ScsSolverOptions = {}): SyncConicSolver<ScsSettings> {
  const now = options.now ?? defaultNow;
  const base = resolveScsSettings(options.settings);
  return {
    name: "scs",
    supportedCones: new Set<ConeType>(["zero", "nonneg", "soc", "exp"]),
    supportsQuadratic: true,
    solve(problem: ConicProblem, settings?: Partial<ScsSettings>): ConicSolution {
      const st = settings ? resolveScsSettings({ ...base, ...settings }) : base;
      const checked = checkProblem(problem);
      const t0 = now();
      const out = runAdmm(checked, st, now);
      const solved = out.status === "solved" || out.status === "max_iterations" || out.status === "max_time";
      let primalObjective = NaN;
      let dualObjective = NaN;
      if (solved) {
        const Px = new Float64Array(checked.n);
        const { P, q, b } = checked;
        for (let j = 0; j < checked.n; j++) {
          for (let p = P.colPtr[j]!; p < P.colPtr[j + 1]!; p++) {
            const i = P.rowIdx[p]!;
            Px[i]! += P.values[p]! * out.x[j]!;
            if (i !== j) Px[j]! += P.values[p]! * out.x[i]!;
          }
        }
        let xPx = 0;
        let qx = 0;
        let by = 0;
        for (let i = 0; i < checked.n; i++) {
          xPx += out.x[i]! * Px[i]!;
          qx += q[i]! * out.x[i]!;
        }
        for (let i = 0; i < checked.m; i++) by += b[i]! * out.y[i]!;
        primalObjective = 0.5 * xPx + qx;
        dualObjective = -0.5 * xPx - by;
      }
      return {
        status: out.status,
        x: out.x,
        y: out.y,
        s: out.s,
        primalObjective,
        dualObjective,
        primalResidual: out.primalResidual,
        dualResidual: out.dualResidual,
        iterations: out.iterations,
        solveTimeMs: now() - t0,
        solver: "scs",
      };
    },
  };
}
