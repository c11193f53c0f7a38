import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createClarabelSolver, createEcosSolver, type ConicSolver } from "@useralign/conic";
import { runSweep, summarizeSweep, sweepMarkdown, sweepProblems } from "./conic-sweep.js";
import { createProgress } from "./progress.js";

/**
 * The iteration sweep of @useralign/conic's interior-point solvers: 540 UserAlign confidence-set
 * problems (seeds 1–60 × (d, t) ∈ {(3, 10), (5, 20), (10, 50)} × loss level 1.02·L₀, 1.5·L₀, slack;
 * S = 3), 300 random problems with exp cones and a known optimum, and the conformance cases, each
 * solved by `clarabel` and `ecos`. Prints statuses, iteration statistics, the histogram and the
 * slowest problems with their seeds. Iteration counts do not depend on the machine.
 *
 *   node benchmarks/dist/run-conic-sweep.js [--solver clarabel|ecos] [--seeds 60] [--random 300] [--kernels wasm|ts] [--json FILE]
 */
const { values } = parseArgs({
  options: { solver: { type: "string" }, seeds: { type: "string" }, random: { type: "string" }, kernels: { type: "string" }, json: { type: "string" } },
});
const range = (n: number) => Array.from({ length: n }, (_, k) => k + 1);
const problems = sweepProblems({ confidenceSeeds: range(Number(values.seeds ?? 60)), randomSeeds: range(Number(values.random ?? 300)) });
const all: ConicSolver[] = [createClarabelSolver(), createEcosSolver()];
const solvers = values.solver ? all.filter((s) => s.name === values.solver) : all;
if (solvers.length === 0) throw new Error(`unknown --solver ${values.solver}: clarabel or ecos`);
const progress = createProgress(problems.length * solvers.length, "conic sweep");
const records = await runSweep(problems, solvers, { kernels: values.kernels ?? "wasm" }, (_done, _total, label) => progress.tick(label));
if (values.json) writeFileSync(values.json, JSON.stringify(records, null, 1) + "\n");
process.stdout.write(sweepMarkdown(summarizeSweep(records)));
