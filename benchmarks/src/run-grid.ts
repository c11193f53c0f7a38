import type { BackendRegistry } from "@useralign/core";
import { gridPoints, type GridPoint, type GridSpec } from "./grid.js";
import { BENCH_S, buildHistory, type BenchHistory } from "./history.js";
import { makeInstance } from "./instance.js";
import { predictStepMs, type Measured } from "./predict.js";
import { timeStep, type StepTiming } from "./time-step.js";

/** One backend at one grid point. */
export interface GridRow extends GridPoint {
  solver: string;
  /** Why it did not run (absent when it ran). */
  skipped?: string;
  timing?: StepTiming;
  /** Against the default backend at the same point: same y⁽¹⁾ and y⁽²⁾, |ΔB| ≤ 1e-6 (or a tie). */
  check?: { agree: boolean; boundError: number; sameSecond: boolean };
  history: { method: number; random: number };
}

/** A whole run. */
export interface GridResult {
  solvers: string[];
  reference: string;
  rows: GridRow[];
  wallMs: number;
  node: string;
  date: string;
}

/** Options of {@link runGrid}. */
export interface RunGridOptions {
  spec: GridSpec;
  registry: BackendRegistry;
  /** Backends to time. @default every registered one */
  solvers?: readonly string[];
  /** Instance seed. @default 1 */
  seed?: number;
  onProgress?: (label: string) => void;
}

const AGREEMENT = 1e-6;

/**
 * Times every backend at every grid point on the same generated step (history built once per
 * (N, d) with the default backend; smaller t are its prefixes) and checks each backend's B(t) and
 * y⁽²⁾ against the default's. Backends other than the default are skipped where one step is
 * predicted to exceed `spec.maxStepMs` or once the run budget's share for this d is spent; the row
 * says why.
 */
export function runGrid(options: RunGridOptions): GridResult {
  const { spec, registry } = options;
  const seed = options.seed ?? 1;
  const reference = registry.default().name;
  const solvers = [reference, ...(options.solvers ?? registry.names()).filter((s) => s !== reference)];
  const started = performance.now();
  const measured = new Map<string, Measured[]>(solvers.map((s) => [s, []]));
  const histories = new Map<string, { features: Float64Array; history: BenchHistory }>();
  const maxT = Math.max(...spec.ts);
  const rows: GridRow[] = [];
  for (const p of gridPoints(spec)) {
    const key = `${p.n}x${p.d}`;
    let cached = histories.get(key);
    if (!cached) {
      const instance = makeInstance(p.n, p.d, BENCH_S, seed);
      cached = { features: Float64Array.from(instance.features.flat()), history: buildHistory(instance, maxT, registry.default(), seed) };
      histories.set(key, cached);
    }
    const comparisons = cached.history.comparisons.slice(0, p.t);
    const method = Math.min(cached.history.method, p.t);
    const history = { method, random: p.t - method };
    let referenceTiming: StepTiming | undefined;
    for (const solver of solvers) {
      const row: GridRow = { ...p, solver, history };
      const isReference = solver === reference;
      const prediction = isReference ? null : predictStepMs(p, measured.get(solver)!);
      // Each d gets its share of the run budget (unused shares carry over), so the slow backends'
      // large-d points are not starved by the small-d ones.
      const deadline = spec.runBudgetMs * ((spec.ds.indexOf(p.d) + 1) / spec.ds.length);
      if (!isReference && performance.now() - started > deadline) {
        row.skipped = `run budget spent (${(deadline / 60_000).toFixed(1)} of ${(spec.runBudgetMs / 60_000).toFixed(1)} min by the end of d = ${p.d})`;
      } else if (prediction && prediction.ms > spec.maxStepMs) {
        const f = prediction.from;
        row.skipped = `predicted ≥ ${(prediction.ms / 1000).toFixed(1)} s per step (from N=${f.n}, d=${f.d}, t=${f.t}) > ${spec.maxStepMs / 1000} s limit`;
      } else {
        const reps = isReference
          ? spec.reps
          : Math.max(
              3,
              Math.min(spec.reps, Math.floor(spec.configBudgetMs / Math.max(prediction?.ms ?? spec.maxStepMs, 1e-3)) - spec.warmup),
            );
        const timing = timeStep({
          features: cached.features,
          n: p.n,
          d: p.d,
          history: comparisons,
          backend: registry.get(solver),
          reps,
          warmup: spec.warmup,
          ...(isReference ? {} : { maxStepMs: spec.maxStepMs }),
        });
        row.timing = timing;
        measured.get(solver)!.push({ ...p, median_ms: timing.median_ms });
        if (isReference) referenceTiming = timing;
        else if (referenceTiming) {
          const a = referenceTiming.decision;
          const b = timing.decision;
          const boundError = Math.abs(a.bound - b.bound);
          const sameSecond = a.second === b.second;
          row.check = { agree: a.first === b.first && boundError <= AGREEMENT && sameSecond, boundError, sameSecond };
        }
      }
      rows.push(row);
      options.onProgress?.(
        `N=${p.n} d=${p.d} t=${p.t} ${solver}: ${row.timing ? `${row.timing.median_ms.toFixed(2)} ms` : "skipped"}${row.check && !row.check.agree ? " DISAGREES" : ""}`,
      );
    }
  }
  return { solvers, reference, rows, wallMs: performance.now() - started, node: process.version, date: new Date().toISOString() };
}

/** Rows whose B(t) or y⁽²⁾ differs from the default backend's. */
export function disagreements(result: GridResult): GridRow[] {
  return result.rows.filter((r) => r.check && !r.check.agree);
}
