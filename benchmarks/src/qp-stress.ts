import type { ConicSolver, SolverStatus } from "@useralign/conic";
import type { QpStressProblem } from "@useralign/conic/testing";
import { checkSolution, defaultTolerances } from "@useralign/solver-conformance";

/** How a solve's status relates to the planted answer. */
export type QpStressOutcome =
  /** The expected status at full accuracy, and every KKT / certificate check passes at 1e-6 (or, for a run stopped on purpose, `max_iterations`). */
  | "correct"
  /** `almost_` + the expected status, checks passing. */
  | "almost"
  /** The expected status (or its almost_ form) whose checks fail at 1e-6: a claimed answer that is off. */
  | "inaccurate"
  /** An errored status (iteration or time limit, numerical error, insufficient progress): no answer. */
  | "failed"
  /** A different answer: infeasible or unbounded for a problem with a solution, solved for an infeasible one, … */
  | "wrong";

/** One solve of the stress report. */
export interface QpStressRecord {
  readonly problem: string;
  readonly family: string;
  readonly n: number;
  readonly m: number;
  readonly expected: QpStressProblem["expected"]["status"];
  readonly solver: string;
  /** For a chain, the member that answered. */
  readonly answeredBy: string;
  /** The solver's status, or `threw` when it threw (HiGHS does on some QPs). */
  readonly status: SolverStatus | "threw";
  readonly outcome: QpStressOutcome;
  readonly iterations: number;
  readonly ms: number;
  /** |objective − planted|/(1 + |planted|) for (almost) solved results of solvable problems. */
  readonly objectiveError?: number;
  /** The first failed check when the outcome is `inaccurate`; the error message when the solver threw. */
  readonly failure?: string;
}

const ERRORED: ReadonlySet<SolverStatus> = new Set(["max_iterations", "max_time", "numerical_error", "insufficient_progress"]);

/** Classifies one solution against the planted answer (checks of `@useralign/solver-conformance`, at its default 1e-6). */
export function classify(p: QpStressProblem, status: SolverStatus, failures: readonly string[]): QpStressOutcome {
  if (ERRORED.has(status)) return "failed";
  if (status !== p.expected.status && status !== `almost_${p.expected.status}`) return "wrong";
  if (failures.length > 0) return "inaccurate";
  return status === p.expected.status ? "correct" : "almost";
}

/**
 * The settings that stop a solver after `stopAfter` iterations: `maxIter` for the interior-point
 * solvers, the first member's for a chain; undefined for other solvers (they skip such problems).
 */
export function stopSettings(solver: ConicSolver, stopAfter: number): Record<string, unknown> | undefined {
  if (solver.name === "clarabel" || solver.name === "ecos") return { maxIter: stopAfter };
  if (solver.name === "chain") return { clarabel: { maxIter: stopAfter } };
  return undefined;
}

/** Solves every problem with every solver, in order (one at a time: the times are comparable within a run). */
export async function runQpStress(
  problems: readonly QpStressProblem[],
  solvers: readonly ConicSolver[],
  onSolve?: (label: string) => void,
  clock: () => number = () => performance.now(),
): Promise<QpStressRecord[]> {
  const records: QpStressRecord[] = [];
  for (const p of problems) {
    for (const solver of solvers) {
      const settings = p.stopAfter === undefined ? {} : stopSettings(solver, p.stopAfter);
      if (!settings) continue;
      const started = clock();
      let sol;
      try {
        sol = await solver.solve(p.problem, settings);
      } catch (e) {
        const base = {
          problem: p.name,
          family: p.family,
          n: p.problem.q.length,
          m: p.problem.b.length,
          expected: p.expected.status,
          solver: solver.name,
          answeredBy: solver.name,
        };
        records.push({
          ...base,
          status: "threw",
          outcome: "failed",
          iterations: 0,
          ms: clock() - started,
          failure: e instanceof Error ? e.message : String(e),
        });
        onSolve?.(`${solver.name} ${p.name}`);
        continue;
      }
      const ms = clock() - started;
      const report = checkSolution(p.problem, p.expected, sol, defaultTolerances, { allowAlmost: true });
      // A stopped single run that says so is right; only the chain is expected to answer.
      const stoppedAndSaysSo = p.stopAfter !== undefined && solver.name !== "chain" && sol.status === "max_iterations";
      const outcome = stoppedAndSaysSo ? "correct" : classify(p, sol.status, report.failures);
      const objectiveError =
        p.expected.status === "solved" && sol.status.endsWith("solved")
          ? Math.abs(sol.primalObjective - p.expected.objective) / (1 + Math.abs(p.expected.objective))
          : undefined;
      records.push({
        problem: p.name,
        family: p.family,
        n: p.problem.q.length,
        m: p.problem.b.length,
        expected: p.expected.status,
        solver: solver.name,
        answeredBy: sol.solver,
        status: sol.status,
        outcome,
        iterations: sol.iterations,
        ms,
        ...(objectiveError === undefined ? {} : { objectiveError }),
        ...(outcome === "inaccurate" ? { failure: report.failures[0] } : {}),
      });
      onSolve?.(`${solver.name} ${p.name}`);
    }
  }
  return records;
}

const OUTCOMES: readonly QpStressOutcome[] = ["correct", "almost", "inaccurate", "failed", "wrong"];

/** The report: outcome counts per solver, then one row per problem with status, iterations and time per solver. */
export function qpStressMarkdown(records: readonly QpStressRecord[]): string {
  const solvers = [...new Set(records.map((r) => r.solver))];
  const lines = ["| solver | " + OUTCOMES.join(" | ") + " | statuses |", "| --- |" + OUTCOMES.map(() => " ---: |").join("") + " --- |"];
  for (const solver of solvers) {
    const mine = records.filter((r) => r.solver === solver);
    const statuses = new Map<string, number>();
    for (const r of mine) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    const statusText = [...statuses].map(([s, c]) => `${s} ${c}`).join(", ");
    lines.push(`| ${solver} | ${OUTCOMES.map((o) => mine.filter((r) => r.outcome === o).length).join(" | ")} | ${statusText} |`);
  }
  lines.push(
    "",
    "| problem | n | m | expected | " + solvers.map((s) => `${s}: status, iterations, ms`).join(" | ") + " |",
    "| --- | ---: | ---: | --- |" + solvers.map(() => " --- |").join(""),
  );
  for (const problem of [...new Set(records.map((r) => r.problem))]) {
    const row = records.filter((r) => r.problem === problem);
    const first = row[0]!;
    const cells = solvers.map((s) => {
      const r = row.find((x) => x.solver === s);
      if (!r) return "";
      const who = r.answeredBy !== r.solver ? ` (${r.answeredBy})` : "";
      const flag = r.outcome === "correct" ? "" : ` **${r.outcome}**`;
      const err = r.objectiveError !== undefined ? `, err ${r.objectiveError.toExponential(0)}` : "";
      return `${r.status}${who}${flag}, ${r.iterations}, ${r.ms.toFixed(0)}${err}`;
    });
    lines.push(`| ${problem} | ${first.n} | ${first.m} | ${first.expected} | ${cells.join(" | ")} |`);
  }
  const inaccurate = records.filter((r) => r.failure);
  if (inaccurate.length > 0)
    lines.push("", "Failed checks and errors:", "", ...inaccurate.map((r) => `- ${r.solver} on ${r.problem}: ${r.failure}`));
  return lines.join("\n") + "\n";
}
