import { performance } from "node:perf_hooks";
import { createClarabelSolver, type ConicProblem, type ConicSolution, type IpmSettings, type KernelChoice } from "@useralign/conic";
import { conicCases } from "@useralign/solver-conformance";
import { confidenceSetConic, singleLargeSoc, sparseLp, sparseSocp } from "./conic-problems.js";
import { median } from "./stats.js";

/** One benchmark problem. */
export interface ConicBenchProblem {
  readonly group: "conformance" | "useralign" | "large";
  readonly name: string;
  readonly problem: ConicProblem;
}

/** One row of the benchmark: the same problem on both kernel paths. */
export interface ConicBenchRow {
  readonly group: ConicBenchProblem["group"];
  readonly name: string;
  readonly n: number;
  readonly m: number;
  readonly status: string;
  /** Iterations on the TS path (the WASM path is checked to take the same number). */
  readonly iterations: number;
  readonly tsMs: number;
  readonly wasmMs: number;
  /** TS ms / WASM ms (> 1: WASM faster). */
  readonly ratio: number;
  /** max |x_ts − x_wasm|, |y_ts − y_wasm| (0 when both are NaN-filled certificates of the other kind). */
  readonly maxDifference: number;
}

/** Options of {@link benchConic}. */
export interface ConicBenchOptions {
  /** Timed solves per problem and kernel path (after one warm-up). @default 5 */
  readonly reps?: number;
  /** Skip the large synthetic problems (n, m in the thousands). @default false */
  readonly quick?: boolean;
  /** Settings for every solve besides `kernels` (e.g. `{ socExpansionThreshold: 1e9 }`). @default {} */
  readonly settings?: Partial<IpmSettings>;
  /** Called after each problem (progress display). */
  readonly onProblem?: (name: string, done: number, total: number) => void;
}

/** The benchmark's problem list: every conformance case, the UserAlign grid, and the large synthetic ones. */
export function conicBenchProblems(quick = false): ConicBenchProblem[] {
  const list: ConicBenchProblem[] = conicCases.map((c) => ({ group: "conformance" as const, name: c.name, problem: c.problem }));
  for (const d of [2, 5, 10]) {
    for (const t of [10, 20, 50]) {
      for (const loss of ["binding", "slack"] as const) {
        list.push({ group: "useralign", name: `d=${d} t=${t} ${loss}`, problem: confidenceSetConic({ d, t, loss, seed: 1000 * d + t }) });
      }
    }
  }
  if (!quick) {
    list.push({ group: "large", name: "sparse LP n=2000", problem: sparseLp(2000, 1500, 6, 1) });
    list.push({ group: "large", name: "sparse LP n=5000", problem: sparseLp(5000, 4000, 6, 2) });
    list.push({ group: "large", name: "sparse SOCP n=2000", problem: sparseSocp(2000, 600, 4, 5, 3) });
    list.push({ group: "large", name: "sparse SOCP n=5000", problem: sparseSocp(5000, 1500, 4, 5, 4) });
    // Wider bands: more fill, so the factorization is most of a solve.
    list.push({ group: "large", name: "sparse LP n=2000 band ±80", problem: sparseLp(2000, 1600, 8, 5, 80) });
    list.push({ group: "large", name: "sparse SOCP n=2000 band ±80", problem: sparseSocp(2000, 600, 4, 6, 6, 80) });
    // One SOC of dimension 1001 (written into the KKT matrix in the sparse expanded form).
    list.push({ group: "large", name: "one SOC dim 1001", problem: singleLargeSoc(1000) });
  }
  return list;
}

function maxDifference(a: ConicSolution, b: ConicSolution): number {
  let worst = 0;
  for (const [u, v] of [
    [a.x, b.x],
    [a.y, b.y],
  ] as const) {
    for (let i = 0; i < u.length; i++) {
      if (Number.isNaN(u[i]!) && Number.isNaN(v[i]!)) continue;
      worst = Math.max(worst, Math.abs(u[i]! - v[i]!));
    }
  }
  return worst;
}

/**
 * Iterations and median wall time per solve of the `clarabel` interior-point solver on every
 * problem, TypeScript and WebAssembly kernels alternated in one process (so the ratio compares like
 * with like on a shared machine).
 */
export async function benchConic(options: ConicBenchOptions = {}): Promise<ConicBenchRow[]> {
  const reps = options.reps ?? 5;
  const solver = createClarabelSolver();
  const settings = options.settings ?? {};
  const problems = conicBenchProblems(options.quick ?? false);
  const rows: ConicBenchRow[] = [];
  for (const [index, { group, name, problem }] of problems.entries()) {
    const first: Partial<Record<KernelChoice, ConicSolution>> = {};
    const samples: Record<KernelChoice, number[]> = { ts: [], wasm: [] };
    for (const kernels of ["ts", "wasm"] as const) first[kernels] = await solver.solve(problem, { ...settings, kernels });
    for (let r = 0; r < reps; r++) {
      for (const kernels of ["ts", "wasm"] as const) {
        const start = performance.now();
        await solver.solve(problem, { ...settings, kernels });
        samples[kernels].push(performance.now() - start);
      }
    }
    const ts = first.ts!;
    const wasm = first.wasm!;
    if (ts.status !== wasm.status || ts.iterations !== wasm.iterations) {
      throw new Error(`${name}: TS and WASM kernels disagree (${ts.status}/${ts.iterations} vs ${wasm.status}/${wasm.iterations})`);
    }
    const tsMs = median(samples.ts);
    const wasmMs = median(samples.wasm);
    rows.push({
      group,
      name,
      n: ts.x.length,
      m: ts.y.length,
      status: ts.status,
      iterations: ts.iterations,
      tsMs,
      wasmMs,
      ratio: tsMs / wasmMs,
      maxDifference: maxDifference(ts, wasm),
    });
    options.onProblem?.(name, index + 1, problems.length);
  }
  return rows;
}

const fixed = (v: number, digits: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(digits));

/** The rows as a Markdown table, with a summary line per group. */
export function conicBenchMarkdown(rows: readonly ConicBenchRow[]): string {
  const lines = [
    "| group | problem | n × m | status | iterations | TS ms | WASM ms | TS/WASM | max Δ(x, y) |",
    "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.group} | ${r.name} | ${r.n} × ${r.m} | ${r.status} | ${r.iterations} | ${fixed(r.tsMs, 2)} | ${fixed(r.wasmMs, 2)} | ${r.ratio.toFixed(2)} | ${r.maxDifference.toExponential(0)} |`,
    );
  }
  lines.push(
    "",
    "| group | problems | max iterations | median iterations | Σ TS ms | Σ WASM ms | TS/WASM (sums) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const group of ["conformance", "useralign", "large"] as const) {
    const g = rows.filter((r) => r.group === group);
    if (g.length === 0) continue;
    const its = g.filter((r) => r.status === "solved").map((r) => r.iterations);
    const ts = g.reduce((s, r) => s + r.tsMs, 0);
    const wasm = g.reduce((s, r) => s + r.wasmMs, 0);
    lines.push(
      `| ${group} | ${g.length} | ${Math.max(...its)} | ${median(its)} | ${fixed(ts, 1)} | ${fixed(wasm, 1)} | ${(ts / wasm).toFixed(2)} |`,
    );
  }
  return lines.join("\n") + "\n";
}
