// One second-order cone of dimension n + 1 (min t s.t. ‖x − c‖ ≤ t, Σx = 1), its scaling block
// written dense vs in the sparse expanded form, TypeScript vs WebAssembly kernels: iterations, time
// per solve, time per iteration, and the size of the KKT matrix and of its factor L.
//   pnpm --filter @useralign/conic bench:big-soc [-- --dims 200,500,1000,5000 --reps 3 --dense-full-limit 2000 --dense-max Infinity]
// Times are medians of `reps` solves after a warm-up; dense blocks above --dense-full-limit run one
// iteration once (a 5001² dense factorization per iteration takes minutes on the TS path).
import { performance } from "node:perf_hooks";
import { CompositeCone } from "../src/cones/composite.js";
import {
  checkProblem,
  compileKernels,
  createClarabelSolver,
  createLdlEngine,
  DEFAULT_IPM_SETTINGS,
  type ConicProblem,
  type ConicSolution,
  type KernelKind,
} from "../src/index.js";
import { KktSystem } from "../src/kkt/kkt-system.js";
import { argument, median } from "./cli-args.js";

const dims = (argument("dims") ?? "200,500,1000,5000").split(",").map(Number);
const reps = Number(argument("reps") ?? 3);
const denseFullLimit = Number(argument("dense-full-limit") ?? 2000);
// Dense blocks above this n are skipped altogether (--dense-max 2000 leaves out the minutes-long n = 5000 one).
const denseMax = Number(argument("dense-max") ?? Number.POSITIVE_INFINITY);

function problemOf(n: number): ConicProblem {
  const rows: number[] = [0];
  const cols: number[] = [0];
  const vals: number[] = [-1];
  for (let i = 0; i < n; i++) rows.push(1 + i, n + 1), cols.push(1 + i, 1 + i), vals.push(-1, 1);
  return {
    q: [1, ...new Array<number>(n).fill(0)],
    A: { rows, cols, vals, shape: [n + 2, n + 1] },
    b: [0, ...Array.from({ length: n }, (_, i) => -Math.sin(i)), 1],
    cones: [
      { type: "soc", dim: n + 1 },
      { type: "zero", dim: 1 },
    ],
  };
}

const compiled = await compileKernels();
const solver = createClarabelSolver({ createEngine: (kind: KernelKind) => createLdlEngine(kind, { compiled }) });
console.log(
  "| n (SOC dim n+1) | KKT block | nnz(KKT upper) | nnz(L) | kernels | status | iterations | ms / solve | ms / iteration (solve ÷ iterations) |",
);
console.log("| ---: | --- | ---: | ---: | --- | --- | ---: | ---: | ---: |");
for (const n of dims) {
  const problem = problemOf(n);
  for (const [label, threshold] of [
    ["dense", Number.POSITIVE_INFINITY],
    ["expanded", DEFAULT_IPM_SETTINGS.socExpansionThreshold],
  ] as const) {
    if (label === "dense" && n > denseMax) continue;
    const checked = checkProblem(problem);
    const kkt = new KktSystem(
      checked,
      new CompositeCone(checked.cones, { socExpansionThreshold: threshold }),
      await createLdlEngine("ts"),
      {
        regularization: { staticReg: 1e-8, dynamicEps: 1e-13, dynamicDelta: 2e-7 },
        refinementSteps: 0,
        refinementTolerance: 1e-13,
      },
    );
    const maxIter = label === "dense" && n > denseFullLimit ? 1 : DEFAULT_IPM_SETTINGS.maxIter;
    for (const kernels of ["ts", "wasm"] as const) {
      const settings = { kernels, socExpansionThreshold: threshold, maxIter };
      const full = maxIter > 1;
      if (full) await solver.solve(problem, settings); // warm-up (JIT, wasm compile)
      const samples: number[] = [];
      let solution: ConicSolution | undefined;
      for (let r = 0; r < (full ? reps : 1); r++) {
        const start = performance.now();
        solution = await solver.solve(problem, settings);
        samples.push(performance.now() - start);
      }
      if (!solution) throw new Error("no solve ran (reps < 1)");
      const ms = median(samples);
      console.log(
        `| ${n} | ${label} | ${kkt.pattern.rowIdx.length} | ${kkt.analysis.nnzL} | ${kernels} | ${solution.status} | ${solution.iterations} | ${ms.toFixed(0)} | ${(ms / Math.max(solution.iterations, 1)).toFixed(1)} |`,
      );
    }
  }
}
