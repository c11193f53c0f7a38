// Iterations and median time per solve of the interior-point solvers on UserAlign confidence-set
// problems in conic form (d ≤ 10, t ≤ 50; the loss constraint binding and slack), with the
// TypeScript and the WebAssembly kernels side by side, in one process so the ratio is fair. A third
// column runs the WebAssembly LDLᵀ and symmetric cones with the exponential cones in TypeScript
// (the state before the exp-cone kernel), to show what moving the exp cones to wasm buys.
//   pnpm --filter @useralign/conic bench:solver [-- --reps 7 --json out.json]
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import {
  CLARABEL_CONFIGURATION,
  compileKernels,
  createIpmSolver,
  createLdlEngine,
  ECOS_CONFIGURATION,
  type ConicSolver,
  type IpmConfiguration,
  type IpmSettings,
  type KernelKind,
} from "../src/index.js";
import { confidenceSetInstance as instance, confidenceSetProblem } from "../src/testing/index.js";
import { argument, median } from "./cli-args.js";

const reps = Number(argument("reps") ?? 5);
const seeds = [11, 12, 13];
const shapes = [
  [3, 10],
  [5, 20],
  [10, 50],
] as const;
const compiled = await compileKernels();
/** Kernel variants: all TypeScript; all WebAssembly; WebAssembly except the exp cones. */
const variants = ["ts", "wasm", "wasm-exp-ts"] as const;
type Variant = (typeof variants)[number];
const makeSolver = (configuration: IpmConfiguration): ConicSolver<IpmSettings> =>
  createIpmSolver(configuration, { createEngine: (kind: KernelKind) => createLdlEngine(kind, { compiled }) });
// The wasm engine without its exp-cone batch: CompositeCone then uses the TypeScript one.
const expInTs = (configuration: IpmConfiguration): ConicSolver<IpmSettings> =>
  createIpmSolver(configuration, {
    createEngine: async () => {
      const { expConeBatch: _unused, ...engine } = await createLdlEngine("wasm", { compiled });
      return engine;
    },
  });
const solvers: [string, Record<Variant, ConicSolver<IpmSettings>>][] = [CLARABEL_CONFIGURATION, ECOS_CONFIGURATION].map((c) => [
  c.name,
  { ts: makeSolver(c), wasm: makeSolver(c), "wasm-exp-ts": expInTs(c) },
]);

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
  wasmExpTsMs: number;
  speedup: number;
}

const rows: Row[] = [];
for (const [name, solver] of solvers) {
  for (const [d, t] of shapes) {
    for (const loss of ["binding", "slack"] as const) {
      const iterations: number[] = [];
      const times: Record<Variant, number[]> = { ts: [], wasm: [], "wasm-exp-ts": [] };
      let n = 0;
      let m = 0;
      for (const seed of seeds) {
        const { a, c, loss0 } = instance(seed, d, t);
        const problem = confidenceSetProblem(a, c, 3, loss === "binding" ? 1.02 * loss0 : 1e3 * t);
        n = problem.q.length;
        m = problem.b.length;
        const samples: Record<Variant, number[]> = { ts: [], wasm: [], "wasm-exp-ts": [] };
        for (const variant of variants) await solver[variant].solve(problem, { kernels: variant === "ts" ? "ts" : "wasm" }); // warm-up
        // Variants alternate within each repetition, so drift in machine load hits all three.
        for (let r = 0; r < reps; r++) {
          for (const variant of variants) {
            const start = performance.now();
            const result = await solver[variant].solve(problem, { kernels: variant === "ts" ? "ts" : "wasm" });
            samples[variant].push(performance.now() - start);
            if (result.status !== "solved") throw new Error(`${name} ${variant} d=${d} t=${t} ${loss} seed=${seed}: ${result.status}`);
            if (variant === "ts" && r === 0) iterations.push(result.iterations);
          }
        }
        for (const variant of variants) times[variant].push(median(samples[variant]));
      }
      const tsMs = median(times.ts);
      const wasmMs = median(times.wasm);
      rows.push({
        solver: name,
        d,
        t,
        loss,
        n,
        m,
        iterations,
        tsMs,
        wasmMs,
        wasmExpTsMs: median(times["wasm-exp-ts"]),
        speedup: tsMs / wasmMs,
      });
      process.stderr.write(".");
    }
  }
}
process.stderr.write("\n");
console.log(
  "| solver | d | t | loss | n × m | iterations (3 seeds) | TS ms | WASM, exp cones in TS ms | WASM ms | TS/WASM | (exp in TS)/WASM |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  console.log(
    `| ${r.solver} | ${r.d} | ${r.t} | ${r.loss} | ${r.n} × ${r.m} | ${r.iterations.join(", ")} | ${r.tsMs.toFixed(2)} | ${r.wasmExpTsMs.toFixed(2)} | ${r.wasmMs.toFixed(2)} | ${r.speedup.toFixed(2)} | ${(r.wasmExpTsMs / r.wasmMs).toFixed(2)} |`,
  );
}
const out = argument("json");
if (out) writeFileSync(out, `${JSON.stringify({ reps, seeds, rows }, null, 2)}\n`);
