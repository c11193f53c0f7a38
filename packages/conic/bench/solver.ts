// Iterations and median time per solve of the interior-point solvers on UserAlign confidence-set
// problems in conic form (d ≤ 10, t ≤ 50; the loss constraint binding and slack), with the
// TypeScript and the WebAssembly kernels side by side, in one process so the ratio is fair.
//   pnpm --filter @useralign/conic bench:solver [-- --reps 7 --json out.json]
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createClarabelSolver, createEcosSolver, type ConicSolver, type IpmSettings } from "../src/index.js";
import { confidenceSetProblem, instance } from "../test/confidence-set-problem.js";
import { argument, median } from "./cli-args.js";


const reps = Number(argument("reps") ?? 5);
const seeds = [11, 12, 13];
const shapes = [
  [3, 10],
  [5, 20],
  [10, 50],
] as const;
const solvers: [string, ConicSolver<IpmSettings>][] = [
  ["clarabel", createClarabelSolver()],
  ["ecos", createEcosSolver()],
];

interface Row {
  solver: string;
  d: number;
  t: number;
  loss: "binding" | "slack";
  n: number;
  m: number;
  iterations: number[];
  tsMs: number;
  wasmMs: number;
  speedup: number;
}

const rows: Row[] = [];
for (const [name, solver] of solvers) {
  for (const [d, t] of shapes) {
    for (const loss of ["binding", "slack"] as const) {
      const iterations: number[] = [];
      const timesTs: number[] = [];
      const timesWasm: number[] = [];
      let n = 0;
      let m = 0;
      for (const seed of seeds) {
        const { a, c, loss0 } = instance(seed, d, t);
        const problem = confidenceSetProblem(a, c, 3, loss === "binding" ? 1.02 * loss0 : 1e3 * t);
        n = problem.q.length;
        m = problem.b.length;
        for (const [kernels, times] of [["ts", timesTs], ["wasm", timesWasm]] as const) {
          await solver.solve(problem, { kernels }); // warm-up (and WASM compile)
          const samples: number[] = [];
          for (let r = 0; r < reps; r++) {
            const start = performance.now();
            const result = await solver.solve(problem, { kernels });
            samples.push(performance.now() - start);
            if (result.status !== "solved") throw new Error(`${name} ${kernels} d=${d} t=${t} ${loss} seed=${seed}: ${result.status}`);
            if (kernels === "ts" && r === 0) iterations.push(result.iterations);
          }
          times.push(median(samples));
        }
      }
      const tsMs = median(timesTs);
      const wasmMs = median(timesWasm);
      rows.push({ solver: name, d, t, loss, n, m, iterations, tsMs, wasmMs, speedup: tsMs / wasmMs });
      process.stderr.write(".");
    }
  }
}
process.stderr.write("\n");
console.log("| solver | d | t | loss | n × m | iterations (3 seeds) | TS ms | WASM ms | TS/WASM |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  console.log(`| ${r.solver} | ${r.d} | ${r.t} | ${r.loss} | ${r.n} × ${r.m} | ${r.iterations.join(", ")} | ${r.tsMs.toFixed(2)} | ${r.wasmMs.toFixed(2)} | ${r.speedup.toFixed(2)} |`);
}
const out = argument("json");
if (out) writeFileSync(out, `${JSON.stringify({ reps, seeds, rows }, null, 2)}\n`);
