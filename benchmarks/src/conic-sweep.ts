import type { ConicProblem, ConicSolver, SolverStatus } from "@useralign/conic";
import { conicCases } from "@useralign/solver-conformance";
import { sweepConfidenceSet, sweepRandomExp, type SweepLossLevel } from "./conic-sweep-problems.js";

/** One problem of the iteration sweep. */
export interface SweepProblem {
  readonly set: "confidence-set" | "random-exp" | "conformance";
  /** Enough to rebuild it: e.g. `seed=17 d=5 t=20 L=1.02·L0`. */
  readonly label: string;
  readonly problem: ConicProblem;
  /** The known optimal value, where there is one. */
  readonly objective?: number;
}

/** Options of {@link sweepProblems}. */
export interface SweepProblemOptions {
  /** Seeds of the confidence-set problems. @default 1..60 */
  readonly confidenceSeeds?: readonly number[];
  /** Seeds of the random exp-cone problems. @default 1..300 */
  readonly randomSeeds?: readonly number[];
  /** Include the conformance cases. @default true */
  readonly conformance?: boolean;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
/** The (d, t) shapes and loss levels of the confidence-set part: 9 problems per seed. */
export const SWEEP_SHAPES: readonly (readonly [number, number])[] = [
  [3, 10],
  [5, 20],
  [10, 50],
];
export const SWEEP_LEVELS: readonly SweepLossLevel[] = ["1.02", "1.5", "slack"];

/** The sweep's problems: 540 confidence-set problems (S = 3), 300 random exp-cone ones, the conformance cases. */
export function sweepProblems(options: SweepProblemOptions = {}): SweepProblem[] {
  const out: SweepProblem[] = [];
  for (const seed of options.confidenceSeeds ?? range(1, 60)) {
    for (const [d, t] of SWEEP_SHAPES) {
      for (const level of SWEEP_LEVELS) {
        const L = level === "slack" ? "slack" : `${level}·L0`;
        out.push({ set: "confidence-set", label: `seed=${seed} d=${d} t=${t} L=${L}`, problem: sweepConfidenceSet(seed, d, t, level) });
      }
    }
  }
  for (const seed of options.randomSeeds ?? range(1, 300)) {
    const { problem, objective } = sweepRandomExp(seed);
    out.push({ set: "random-exp", label: `seed=${seed}`, problem, objective });
  }
  if (options.conformance ?? true) {
    for (const c of conicCases) out.push({ set: "conformance", label: c.name, problem: c.problem });
  }
  return out;
}

/** One solve of the sweep. */
export interface SweepRecord {
  readonly set: SweepProblem["set"];
  readonly label: string;
  readonly solver: string;
  readonly status: SolverStatus;
  readonly iterations: number;
  /** |objective − known optimum|/(1 + |optimum|), where the optimum is known and the status is solved. */
  readonly objectiveError?: number;
}

/** Solves every problem with every solver (sequentially; iteration counts are deterministic). */
export async function runSweep(
  problems: readonly SweepProblem[],
  solvers: readonly ConicSolver[],
  settings: Record<string, unknown> = {},
  onSolve?: (done: number, total: number, label: string) => void,
): Promise<SweepRecord[]> {
  const records: SweepRecord[] = [];
  const total = problems.length * solvers.length;
  for (const p of problems) {
    for (const solver of solvers) {
      const sol = await solver.solve(p.problem, settings);
      const record: SweepRecord = { set: p.set, label: p.label, solver: solver.name, status: sol.status, iterations: sol.iterations };
      if (p.objective !== undefined && (sol.status === "solved" || sol.status === "almost_solved")) {
        records.push({ ...record, objectiveError: Math.abs(sol.primalObjective - p.objective) / (1 + Math.abs(p.objective)) });
      } else records.push(record);
      onSolve?.(records.length, total, `${solver.name} ${p.set} ${p.label}`);
    }
  }
  return records;
}

/** Per set and solver: statuses, iteration statistics and the worst problems. */
export interface SweepSummary {
  readonly set: string;
  readonly solver: string;
  readonly count: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly median: number;
  readonly max: number;
  /** Solves over 30 and over 25 iterations. */
  readonly over30: number;
  readonly over25: number;
  /** Iteration histogram in buckets of 5: "1–5", "6–10", …, "31+" (all statuses). */
  readonly histogram: Readonly<Record<string, number>>;
  /** The slowest solves (at most 5), worst first. */
  readonly worst: readonly { readonly label: string; readonly iterations: number; readonly status: SolverStatus }[];
  /** Largest relative objective error against a known optimum (NaN where none is known). */
  readonly maxObjectiveError: number;
}

export const HISTOGRAM_BUCKETS = ["0–5", "6–10", "11–15", "16–20", "21–25", "26–30", "31+"] as const;
const bucketOf = (it: number) => (it > 30 ? "31+" : HISTOGRAM_BUCKETS[Math.max(0, Math.ceil(it / 5) - 1)]!);

export function summarizeSweep(records: readonly SweepRecord[]): SweepSummary[] {
  const groups = new Map<string, SweepRecord[]>();
  for (const r of records) {
    const key = `${r.set}\u0000${r.solver}`;
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  return [...groups.values()].map((list) => {
    const statuses: Record<string, number> = {};
    const histogram: Record<string, number> = Object.fromEntries(HISTOGRAM_BUCKETS.map((b) => [b, 0]));
    for (const r of list) {
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      histogram[bucketOf(r.iterations)]!++;
    }
    const its = list.map((r) => r.iterations).sort((a, b) => a - b);
    const worst = [...list].sort((a, b) => b.iterations - a.iterations).slice(0, 5);
    const errors = list.flatMap((r) => (r.objectiveError === undefined ? [] : [r.objectiveError]));
    return {
      set: list[0]!.set,
      solver: list[0]!.solver,
      count: list.length,
      statuses,
      median: its[Math.floor((its.length - 1) / 2)]!,
      max: its[its.length - 1]!,
      over30: its.filter((i) => i > 30).length,
      over25: its.filter((i) => i > 25).length,
      histogram,
      worst: worst.map((r) => ({ label: r.label, iterations: r.iterations, status: r.status })),
      maxObjectiveError: errors.length > 0 ? Math.max(...errors) : Number.NaN,
    };
  });
}

/** The summary as Markdown tables (statuses and statistics; histogram; worst problems). */
export function sweepMarkdown(summaries: readonly SweepSummary[]): string {
  const lines = [
    "| set | solver | problems | statuses | median | max | > 25 | > 30 | max objective error |",
    "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ...summaries.map((s) => {
      const statuses = Object.entries(s.statuses)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
      const err = Number.isNaN(s.maxObjectiveError) ? "–" : s.maxObjectiveError.toExponential(1);
      return `| ${s.set} | ${s.solver} | ${s.count} | ${statuses} | ${s.median} | ${s.max} | ${s.over25} | ${s.over30} | ${err} |`;
    }),
    "",
    `| set | solver | ${HISTOGRAM_BUCKETS.join(" | ")} |`,
    `| --- | --- | ${HISTOGRAM_BUCKETS.map(() => "---:").join(" | ")} |`,
    ...summaries.map((s) => `| ${s.set} | ${s.solver} | ${HISTOGRAM_BUCKETS.map((b) => s.histogram[b]).join(" | ")} |`),
    "",
    "| set | solver | slowest (iterations, status) |",
    "| --- | --- | --- |",
    ...summaries.map(
      (s) =>
        `| ${s.set} | ${s.solver} | ${s.worst.map((w) => `${w.label}: ${w.iterations}${w.status === "solved" ? "" : ` ${w.status}`}`).join("; ")} |`,
    ),
  ];
  return lines.join("\n") + "\n";
}
