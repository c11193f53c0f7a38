import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createClarabelSolver, createEcosSolver, type ConicSolver, type IterationInfo } from "@useralign/conic";
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
 *   node benchmarks/dist/run-conic-sweep.js --settings '{"maxIter":200}'   # any IpmSettings, as JSON
 *   node benchmarks/dist/run-conic-sweep.js --trace "seed=43 d=10 t=50 L=1.02"   # per-iteration lines of the matching problems
 */
const { values } = parseArgs({
  options: {
    solver: { type: "string" },
    seeds: { type: "string" },
    random: { type: "string" },
    kernels: { type: "string" },
    json: { type: "string" },
    trace: { type: "string" },
    settings: { type: "string" },
  },
});
const range = (n: number) => Array.from({ length: n }, (_, k) => k + 1);
const problems = sweepProblems({ confidenceSeeds: range(Number(values.seeds ?? 60)), randomSeeds: range(Number(values.random ?? 300)) });
/** Extra solver settings as JSON, e.g. --settings '{"refinementSteps":20}' (experiments). */
const settings: Record<string, unknown> = {
  kernels: values.kernels ?? "wasm",
  ...(values.settings ? (JSON.parse(values.settings) as Record<string, unknown>) : {}),
};
const trace = values.trace;
const onIteration = trace
  ? (i: IterationInfo) =>
      process.stdout.write(
        `  ${String(i.iteration).padStart(3)} pobj ${i.primalObjective.toExponential(6)} dobj ${i.dualObjective.toExponential(6)} pres ${i.primalResidual.toExponential(2)} dres ${i.dualResidual.toExponential(2)} mu ${i.mu.toExponential(2)} tau ${i.tau.toExponential(2)} kappa ${i.kappa.toExponential(2)} step ${i.step.toFixed(4)} sigma ${i.sigma.toExponential(2)}\n`,
      )
  : undefined;
const options = onIteration ? { onIteration } : {};
const all: ConicSolver[] = [createClarabelSolver(options), createEcosSolver(options)];
const solvers = values.solver ? all.filter((s) => s.name === values.solver) : all;
if (solvers.length === 0) throw new Error(`unknown --solver ${values.solver}: clarabel or ecos`);
if (trace) {
  for (const p of problems.filter((q) => q.label.includes(trace))) {
    for (const solver of solvers) {
      process.stdout.write(`${solver.name} ${p.set} ${p.label}\n`);
      const sol = await solver.solve(p.problem, settings);
      process.stdout.write(`  -> ${sol.status} after ${sol.iterations} iterations\n`);
    }
  }
  process.exit(0);
}
const progress = createProgress(problems.length * solvers.length, "conic sweep");
const records = await runSweep(problems, solvers, settings, (_done, _total, label) => progress.tick(label));
if (values.json) writeFileSync(values.json, JSON.stringify(records, null, 1) + "\n");
process.stdout.write(sweepMarkdown(summarizeSweep(records)));
