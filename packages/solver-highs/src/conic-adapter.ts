import {
  assertSupported,
  type ConeType,
  type ConicProblem,
  type ConicSolution,
  type ConicSolver,
  type SolverStatus,
} from "@useralign/conic";
import { certifyVerdict, type HighsRunResult } from "./certify-verdict.js";
import { validateConicProblem } from "./conic-validation.js";
import { loadHighs, type HighsRuntime, type LoadHighsOptions } from "./load-highs.js";
import { highsOutcome } from "./status-table.js";
import { problemOps } from "./verdict-certificates.js";

/** Settings of the HiGHS conic adapter. */
export interface HighsConicSettings {
  /** Wall-clock limit in seconds. @default Infinity */
  timeLimit: number;
  /** Simplex iteration limit (LPs). @default 2147483647 */
  iterationLimit: number;
  /** Primal and dual feasibility tolerance. @default 1e-9 */
  tolerance: number;
  /** Multiple of I that HiGHS's QP solver adds to P (HiGHS's own default is 1e-7). @default 1e-12 */
  qpRegularization: number;
}

// `performance` exists in browsers, workers and Node, but is not in the ES library types.
const perf = (globalThis as { performance?: { now(): number } }).performance;
const now = () => (perf ? perf.now() : Date.now());

const DEFAULTS: HighsConicSettings = { timeLimit: Infinity, iterationLimit: 2147483647, tolerance: 1e-9, qpRegularization: 1e-12 };
const SUPPORTED: ReadonlySet<ConeType> = new Set<ConeType>(["zero", "nonneg"]);

/**
 * A {@link ConicSolver} on HiGHS for the problems HiGHS solves: zero and nonnegative cones (LP),
 * with P through HiGHS's QP solver. Second-order and exponential cones throw
 * `UnsupportedProblemError` (of `@useralign/conic`) naming the cone. Standard form (Clarabel's): minimize
 * ½xᵀPx + qᵀx s.t. Ax + s = b, s ∈ K; here a zero-cone row is A_i x = b_i and a nonneg row
 * A_i x ≤ b_i, x free. Duals: y = −(HiGHS row dual), so that Px + q + Aᵀy = 0 and y ≥ 0 on nonneg rows.
 */
export function createHighsConicSolver(highs: HighsRuntime): ConicSolver<HighsConicSettings> {
  const solver: ConicSolver<HighsConicSettings> = {
    name: "highs",
    supportedCones: SUPPORTED,
    supportsQuadratic: true,
    solve: (problem, settings) => {
      assertSupported(problem, solver);
      return solveWithHighs(highs, problem, { ...DEFAULTS, ...settings });
    },
  };
  return solver;
}

/** Loads HiGHS and returns {@link createHighsConicSolver}'s solver. */
export async function loadHighsConicSolver(options: LoadHighsOptions = {}): Promise<ConicSolver<HighsConicSettings>> {
  return createHighsConicSolver(await loadHighs(options));
}

function solveWithHighs(highs: HighsRuntime, problem: ConicProblem, settings: HighsConicSettings): ConicSolution {
  const { n, m } = validateConicProblem(problem);
  const start = now();
  const rowLower = new Float64Array(m);
  const rowUpper = new Float64Array(m);
  const isZero = new Uint8Array(m);
  let row = 0;
  for (const cone of problem.cones) {
    for (let i = 0; i < cone.dim; i++, row++) {
      isZero[row] = cone.type === "zero" ? 1 : 0;
      rowLower[row] = cone.type === "zero" ? problem.b[row]! : -Infinity;
      rowUpper[row] = problem.b[row]!;
    }
  }
  if (n === 0) return noVariables(problem, isZero, now() - start);
  const Adense = denseCsc(problem.A.rows, problem.A.cols, problem.A.vals, n, (r, c) => [r, c]);
  // P's upper triangle (i ≤ j) is HiGHS's lower triangle transposed: entry (j, i) in column i.
  const hessian =
    problem.P && problem.P.vals.some((v) => v !== 0) ? denseCsc(problem.P.rows, problem.P.cols, problem.P.vals, n, (r, c) => [c, r]) : null;
  const modelData: ModelData = {
    numCols: n,
    numRows: m,
    colCost: Float64Array.from(problem.q),
    colLower: new Float64Array(n).fill(-Infinity),
    colUpper: new Float64Array(n).fill(Infinity),
    rowLower,
    rowUpper,
    matrix: { format: "csc", numRows: m, numCols: n, ...Adense },
    ...(hessian ? { hessian: { format: "triangular" as const, dimension: n, ...hessian } } : {}),
  };
  const options = {
    output_flag: false,
    primal_feasibility_tolerance: settings.tolerance,
    dual_feasibility_tolerance: settings.tolerance,
    simplex_iteration_limit: settings.iterationLimit,
    // HiGHS's QP solver adds 1e-7·I to P by default, which moves the optimum by ~1e-7.
    qp_regularization_value: settings.qpRegularization,
  };
  const remaining = () => settings.timeLimit - (now() - start) / 1000;
  // HiGHS's run can fail outright ("HiGHS status -1", seen on degenerate and badly scaled QPs): once
  // more without presolve and with HiGHS's own QP regularization, then a numerical error.
  let raw = runHighs(highs, modelData, options, remaining());
  if (raw.threw && remaining() > 0)
    raw = runHighs(highs, modelData, { ...options, presolve: "off", qp_regularization_value: 1e-7 }, remaining());
  const ops = problemOps(problem, isZero);
  const verdict = certifyVerdict(problem, ops, raw, () => recessionDirection(highs, problem, isZero));
  return { ...verdict, iterations: raw.iterations, solveTimeMs: now() - start, solver: "highs" };
}

type ModelData = Parameters<HighsRuntime["createModel"]>[0];

function runHighs(
  highs: HighsRuntime,
  data: ModelData,
  options: Record<string, string | number | boolean>,
  timeLimit: number,
): HighsRunResult {
  if (!(timeLimit > 0)) return { status: "max_time", threw: false, iterations: 0 };
  const model = highs.createModel(data);
  try {
    model.options.set({ ...options, ...(Number.isFinite(timeLimit) ? { time_limit: timeLimit } : {}) });
    let outcome;
    try {
      model.run();
      outcome = highsOutcome(model.getModelStatus());
      if ("retry" in outcome) {
        model.options.set({ presolve: "off" });
        model.run();
        outcome = highsOutcome(model.getModelStatus());
      }
    } catch {
      return { status: "numerical_error", threw: true, iterations: 0 };
    }
    const status: SolverStatus = "status" in outcome ? outcome.status : "numerical_error";
    const iterations = Number(model.info.get("simplex_iteration_count")) + Number(model.info.get("qp_iteration_count") ?? 0);
    if (status === "primal_infeasible") return { status, threw: false, iterations, ...optionalRay("dualRay", () => model.getDualRay()) };
    if (status === "dual_infeasible") return { status, threw: false, iterations, ...optionalRay("primalRay", () => model.getPrimalRay()) };
    if (status !== "solved") return { status, threw: false, iterations };
    const solution = model.getSolution();
    return { status, threw: false, iterations, x: Float64Array.from(solution.colValue), y: Float64Array.from(solution.rowDual, (v) => -v) };
  } finally {
    model.dispose();
  }
}

/** `{ [key]: ray }`, or `{}` when HiGHS has no ray (its QP solver and some trivial LPs give none, or throw). */
function optionalRay<K extends "primalRay" | "dualRay">(
  key: K,
  get: () => { values: ArrayLike<number> } | undefined | null,
): Partial<Record<K, Float64Array>> {
  try {
    const ray = get();
    return ray ? ({ [key]: Float64Array.from(ray.values) } as Record<K, Float64Array>) : {};
  } catch {
    return {};
  }
}

/**
 * A certificate of unboundedness from an auxiliary LP: min qᵀx over the recession cone
 * {Px = 0, A_zero x = 0, A_nonneg x ≤ 0} ∩ [−1, 1]ⁿ. A negative optimum is a direction along which
 * the objective decreases without bound; null when there is none.
 */
function recessionDirection(highs: HighsRuntime, problem: ConicProblem, isZero: Uint8Array): Float64Array | null {
  const n = problem.q.length;
  const m = problem.b.length;
  const rows = [...problem.A.rows];
  const cols = [...problem.A.cols];
  const vals = [...problem.A.vals];
  // Px = 0 with P symmetric: both triangles of the stored upper triangle.
  problem.P?.vals.forEach((v, k) => {
    const i = problem.P!.rows[k]!;
    const j = problem.P!.cols[k]!;
    rows.push(m + i);
    cols.push(j);
    vals.push(v);
    if (i !== j) {
      rows.push(m + j);
      cols.push(i);
      vals.push(v);
    }
  });
  const total = m + (problem.P ? n : 0);
  const lower = Float64Array.from({ length: total }, (_, r) => (r < m && !isZero[r] ? -Infinity : 0));
  const csc = denseCsc(rows, cols, vals, n, (r, c) => [r, c]);
  const model = highs.createModel({
    numCols: n,
    numRows: total,
    colCost: Float64Array.from(problem.q),
    colLower: new Float64Array(n).fill(-1),
    colUpper: new Float64Array(n).fill(1),
    rowLower: lower,
    rowUpper: new Float64Array(total),
    matrix: { format: "csc", numRows: total, numCols: n, ...csc },
  });
  try {
    model.options.set({ output_flag: false });
    model.run();
    if (model.getModelStatus() !== highs.constants.modelStatus.optimal || !(model.getObjectiveValue() < -1e-9)) return null;
    return Float64Array.from(model.getSolution().colValue);
  } catch {
    // The auxiliary LP failing is no verdict: the caller reports a non-exact status.
    return null;
  } finally {
    model.dispose();
  }
}

/** n = 0: feasible iff b ∈ K; otherwise the certificate is one offending row. */
function noVariables(problem: ConicProblem, isZero: Uint8Array, elapsed: number): ConicSolution {
  const m = problem.b.length;
  const bad = problem.b.findIndex((b, i) => (isZero[i] ? b !== 0 : b < 0));
  const base = { iterations: 0, solveTimeMs: elapsed, solver: "highs", primalResidual: 0, dualResidual: 0 };
  const empty = new Float64Array(0);
  if (bad < 0)
    return {
      status: "solved",
      x: empty,
      y: new Float64Array(m),
      s: Float64Array.from(problem.b),
      primalObjective: 0,
      dualObjective: 0,
      ...base,
    };
  const y = new Float64Array(m);
  y[bad] = isZero[bad] ? -Math.sign(problem.b[bad]!) : 1;
  return { status: "primal_infeasible", x: empty, y, s: new Float64Array(m).fill(NaN), primalObjective: NaN, dualObjective: NaN, ...base };
}

/** Triplets → CSC with duplicates summed; `place` maps (row, col) to the stored (row, col). */
function denseCsc(
  rows: readonly number[],
  cols: readonly number[],
  vals: readonly number[],
  n: number,
  place: (r: number, c: number) => [number, number],
): { starts: Int32Array; indices: Int32Array; values: Float64Array } {
  const byCol: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  vals.forEach((v, k) => {
    const [r, c] = place(rows[k]!, cols[k]!);
    byCol[c]!.set(r, (byCol[c]!.get(r) ?? 0) + v);
  });
  const starts = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  byCol.forEach((col, c) => {
    for (const [r, v] of [...col.entries()].sort((p, q) => p[0] - q[0])) {
      if (v === 0) continue;
      indices.push(r);
      values.push(v);
    }
    starts[c + 1] = indices.length;
  });
  return { starts, indices: Int32Array.from(indices), values: Float64Array.from(values) };
}
