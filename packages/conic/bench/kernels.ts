// Factor + solve time of the TypeScript and WebAssembly LDLᵀ engines on KKT-like matrices of
// growing size, median of several repetitions, measured in one process so the ratio is fair.
//   pnpm --filter @useralign/conic bench [-- --reps 15 --json out.json --svg plot.svg]
// Repetitions shrink with size (at most `--reps`, at least 3) so the whole run stays near a minute.
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { compileKernels, createLdlEngine, type LdlEngine } from "../src/index.js";
import { benchmarkKkt, type KktMatrix } from "./kkt-matrix.js";
import { logLogPlot } from "./svg-plot.js";
import { argument, median, medianMilliseconds } from "./cli-args.js";

const sizes = [100, 300, 1000, 2000, 5000];
const regularization = { staticReg: 1e-8, dynamicEps: 1e-13, dynamicDelta: 1e-7 };

/**
 * Median milliseconds of one factor + one solve over `reps` samples, after `warmup` untimed runs.
 * A sample repeats the pair until it has taken ≥ 2 ms, so microsecond-scale sizes are not timer noise.
 */
function time(engine: LdlEngine, kkt: KktMatrix, reps: number, rhs: Float64Array, warmup: number): { ms: number; x: Float64Array } {
  const x = new Float64Array(rhs.length);
  const run = (): void => {
    if (!engine.factor(kkt.values, kkt.signs, regularization).ok) throw new Error("factor failed");
    x.set(rhs);
    engine.solve(x);
  };
  return { ms: medianMilliseconds(run, warmup, reps), x };
}

interface Row {
  n: number;
  nnzK: number;
  nnzL: number;
  analyzeMs: number;
  tsMs: number;
  wasmMs: number;
  speedup: number;
  maxRelativeDifference: number;
  repsPerRound: number;
}

const reps = Number(argument("reps") ?? 15);
const compiled = await compileKernels();
const rows: Row[] = [];
for (const [index, n] of sizes.entries()) {
  process.stderr.write(`[${index + 1}/${sizes.length}] n = ${n}…\n`);
  const kkt = benchmarkKkt(n, 1000 + n);
  const ts = await createLdlEngine("ts");
  const wasm = await createLdlEngine("wasm", { compiled });
  const analyzeStart = performance.now();
  const analysis = ts.analyze(kkt.pattern);
  const analyzeMs = performance.now() - analyzeStart;
  wasm.analyze(kkt.pattern);
  const sizeReps = Math.max(3, Math.min(reps, Math.round(15 * (1000 / n) ** 1.5)));
  const rhs = Float64Array.from({ length: n }, (_, i) => Math.sin(i + 1));
  // Alternate the engines so drift in machine load hits both.
  const tsTimes: number[] = [];
  const wasmTimes: number[] = [];
  let xTs: Float64Array = new Float64Array(0);
  let xWasm: Float64Array = new Float64Array(0);
  for (let round = 0; round < 3; round++) {
    const a = time(ts, kkt, sizeReps, rhs, round === 0 ? 3 : 0);
    const b = time(wasm, kkt, sizeReps, rhs, round === 0 ? 3 : 0);
    tsTimes.push(a.ms);
    wasmTimes.push(b.ms);
    xTs = a.x;
    xWasm = b.x;
  }
  let diff = 0;
  let scale = 1;
  for (let i = 0; i < n; i++) {
    diff = Math.max(diff, Math.abs(xTs[i]! - xWasm[i]!));
    scale = Math.max(scale, Math.abs(xTs[i]!));
  }
  const tsMs = median(tsTimes);
  const wasmMs = median(wasmTimes);
  rows.push({
    n,
    nnzK: kkt.values.length,
    nnzL: analysis.nnzL,
    analyzeMs,
    tsMs,
    wasmMs,
    speedup: tsMs / wasmMs,
    maxRelativeDifference: diff / scale,
    repsPerRound: sizeReps,
  });
}

const fmt = (v: number, digits = 3): string => v.toPrecision(digits);
console.log("| n | nnz(K upper) | nnz(L) | analyze ms (TS, AMD) | factor+solve ms TS | factor+solve ms WASM | TS/WASM | max rel. diff |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const r of rows) {
  console.log(
    `| ${r.n} | ${r.nnzK} | ${r.nnzL} | ${fmt(r.analyzeMs)} | ${fmt(r.tsMs)} | ${fmt(r.wasmMs)} | ${r.speedup.toFixed(2)}× | ${r.maxRelativeDifference.toExponential(1)} |`,
  );
}
const out = argument("json");
if (out !== undefined) writeFileSync(out, `${JSON.stringify({ node: process.version, reps, rows }, null, 2)}\n`);
const svg = argument("svg");
if (svg !== undefined) {
  const plot = logLogPlot("LDLᵀ factor + solve, median ms", "KKT dimension n", "milliseconds", [
    { label: "TypeScript", color: "#d62728", points: rows.map((r) => [r.n, r.tsMs] as const) },
    { label: "WebAssembly", color: "#1f77b4", points: rows.map((r) => [r.n, r.wasmMs] as const) },
  ]);
  writeFileSync(svg, plot);
}
