// Time of the exponential-cone operations alone, TypeScript batch (a loop over ExponentialCone
// objects) vs the WebAssembly batch, on 100 / 1000 / 5000 cones at random interior points (a third
// generic, a third near the boundary, a third on the central path), median of several samples,
// engines alternated in one process so the ratio is fair. Outputs are checked to be bit-identical.
//   pnpm --filter @useralign/conic bench:exp [-- --reps 9 --json out.json]
import { writeFileSync } from "node:fs";
import { compileKernels, createTsExpConeBatch, wasmExpConeBatchFactory, type ExpConeBatch } from "../src/index.js";
import { expLayout, expPoints, randomVector } from "../test/kernels/exp-points.js";
import { testRng } from "../test/kernels/matrices.js";
import { argument, median, medianMilliseconds } from "./cli-args.js";

const counts = [100, 1000, 5000];
const reps = Number(argument("reps") ?? 9);
const options = { scaling: "primal-dual", thirdOrder: true } as const;

const operations = ["updateScaling", "writeHessian", "multiplyHessian", "combinedDsShift", "stepLength"] as const;
type Operation = (typeof operations)[number];

interface Row {
  cones: number;
  ms: Record<Operation, { ts: number; wasm: number }>;
  /** One iteration's exp-cone work: each operation once, the step length twice (predictor and corrector). */
  iterationTs: number;
  iterationWasm: number;
  speedup: number;
}

const wasmFactory = wasmExpConeBatchFactory(await compileKernels());
const rows: Row[] = [];
for (const count of counts) {
  process.stderr.write(`${count} exp cones…\n`);
  const rng = testRng(5000 + count);
  const l = expLayout(count, rng, false);
  const mu = 0.1;
  const { s, z } = expPoints(l, rng, "mixed", mu);
  const dz = randomVector(l.m, rng, 0.5).map((v, i) => v * Math.abs(z[i]!));
  const ds = randomVector(l.m, rng, 0.5).map((v, i) => v * Math.abs(s[i]!));
  const batches: Record<"ts" | "wasm", ExpConeBatch> = {
    ts: createTsExpConeBatch(l.blocks, l.m, options),
    wasm: wasmFactory(l.blocks, l.m, options),
  };
  const outputs: Record<"ts" | "wasm", Float64Array[]> = { ts: [], wasm: [] };
  const work = (kind: "ts" | "wasm") => {
    const hessian = new Float64Array(l.hessianEntries);
    const out = new Float64Array(l.m);
    const shifted = new Float64Array(l.m);
    const b = batches[kind];
    const runs: Record<Operation, () => void> = {
      updateScaling: () => {
        if (!b.updateScaling(s, z, mu, false)) throw new Error("not interior");
      },
      writeHessian: () => b.writeHessian(hessian),
      multiplyHessian: () => b.multiplyHessian(out, ds),
      combinedDsShift: () => {
        shifted.set(s);
        b.combinedDsShift(shifted, dz, ds, 0.3 * mu);
      },
      stepLength: () => {
        out[0] = b.stepLength(dz, ds, z, s, 1);
      },
    };
    outputs[kind] = [hessian, out, shifted];
    return runs;
  };
  const runs = { ts: work("ts"), wasm: work("wasm") };
  const samples = Object.fromEntries(operations.map((op) => [op, { ts: [] as number[], wasm: [] as number[] }])) as Record<
    Operation,
    { ts: number[]; wasm: number[] }
  >;
  for (let round = 0; round < 3; round++) {
    for (const op of operations) {
      for (const kind of ["ts", "wasm"] as const) {
        runs[kind].updateScaling();
        samples[op][kind].push(medianMilliseconds(runs[kind][op], 3, reps));
      }
    }
  }
  // Every operation once more on both, in order, then the outputs must be the same doubles.
  for (const kind of ["ts", "wasm"] as const) for (const op of operations) runs[kind][op]();
  outputs.ts.forEach((a, k) =>
    a.forEach((v, i) => {
      if (!Object.is(v, outputs.wasm[k]![i])) throw new Error(`TS and WASM differ at output ${k}[${i}]: ${v} vs ${outputs.wasm[k]![i]}`);
    }),
  );
  const ms = Object.fromEntries(operations.map((op) => [op, { ts: median(samples[op].ts), wasm: median(samples[op].wasm) }])) as Row["ms"];
  const iteration = (kind: "ts" | "wasm") => operations.reduce((sum, op) => sum + (op === "stepLength" ? 2 : 1) * ms[op][kind], 0);
  rows.push({
    cones: count,
    ms,
    iterationTs: iteration("ts"),
    iterationWasm: iteration("wasm"),
    speedup: iteration("ts") / iteration("wasm"),
  });
}

const fmt = (v: number): string => v.toPrecision(3);
console.log(`| exp cones | ${operations.map((op) => `${op} TS / WASM ms`).join(" | ")} | one iteration TS ms | WASM ms | TS/WASM |`);
console.log(`|---:|${operations.map(() => "---:").join("|")}|---:|---:|---:|`);
for (const r of rows) {
  console.log(
    `| ${r.cones} | ${operations.map((op) => `${fmt(r.ms[op].ts)} / ${fmt(r.ms[op].wasm)}`).join(" | ")} | ${fmt(r.iterationTs)} | ${fmt(r.iterationWasm)} | ${r.speedup.toFixed(2)}× |`,
  );
}
const out = argument("json");
if (out !== undefined) writeFileSync(out, `${JSON.stringify({ node: process.version, reps, rows }, null, 2)}\n`);
