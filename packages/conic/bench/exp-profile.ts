// Share of whole solves spent in the exponential-cone operations, from a CPU profile: 25 rounds of
// the UserAlign problems d = 10, t = 50 (3 seeds, loss binding and slack) with `clarabel`, on the
// TypeScript kernels, the WebAssembly kernels with the exp cones in TypeScript, and all WebAssembly.
// The kernels are compiled here with function names (`--debug`) so the profile can attribute wasm
// time; the exp-cone share counts src/cones/{exp,exp-barrier,small-dense,exp-batch}.ts, the wasm
// batch's glue and assembly/{exp-*,small-dense,v8-math}.ts.
//   pnpm --filter @useralign/conic bench:exp-profile
import { Session } from "node:inspector/promises";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import asc from "assemblyscript/asc";
import { CLARABEL_CONFIGURATION, createIpmSolver, createLdlEngine, type CompiledKernels, type LdlEngine } from "../src/index.js";
import { confidenceSetInstance as instance, confidenceSetProblem } from "../src/testing/index.js";

declare const WebAssembly: { compile(bytes: Uint8Array): Promise<CompiledKernels> };

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

async function namedKernels(): Promise<CompiledKernels> {
  let binary: Uint8Array | undefined;
  const stderr = asc.createMemoryStream();
  // This file runs from bench/dist/bench/.
  const entry = fileURLToPath(new URL("../../../assembly/index.ts", import.meta.url));
  const { error } = await asc.main([entry, "--outFile", "k.wasm", "-O3", "--runtime", "stub", "--noAssert", "--use", "abort=", "--debug"], {
    stdout: asc.createMemoryStream(),
    stderr,
    writeFile(name, contents) {
      if (name === "k.wasm" && typeof contents !== "string") binary = contents;
    },
  });
  if (error || !binary) throw new Error(`asc failed: ${stderr.toString()}`);
  return WebAssembly.compile(binary);
}

const expSource = /\/(exp|exp-barrier|small-dense|exp-batch|wasm-exp-batch)\.js$/;
const expWasm = /assembly\/(exp-|small-dense|v8-math)/;

function expShare(profile: Profile): number {
  const time = new Map<number, number>();
  profile.samples.forEach((id, k) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[k] ?? 0)));
  let total = 0;
  let exp = 0;
  for (const node of profile.nodes) {
    const t = time.get(node.id) ?? 0;
    total += t;
    if (expSource.test(node.callFrame.url) || expWasm.test(node.callFrame.functionName)) exp += t;
  }
  return exp / total;
}

const compiled = await namedKernels();
const variants = {
  ts: () => createLdlEngine("ts"),
  "wasm, exp cones in TS": async (): Promise<LdlEngine> => {
    const { expConeBatch: _unused, ...engine } = await createLdlEngine("wasm", { compiled });
    return engine;
  },
  wasm: () => createLdlEngine("wasm", { compiled }),
};
const problems = [11, 12, 13].flatMap((seed) => {
  const { a, c, loss0 } = instance(seed, 10, 50);
  return [confidenceSetProblem(a, c, 3, 1.02 * loss0), confidenceSetProblem(a, c, 3, 1e3 * 50)];
});
const rounds = 25;
const session = new Session();
session.connect();
await session.post("Profiler.enable");
console.log("| kernels | ms per solve | exp-cone share of samples | exp-cone ms per solve |");
console.log("| --- | ---: | ---: | ---: |");
for (const [name, createEngine] of Object.entries(variants)) {
  const solver = createIpmSolver(CLARABEL_CONFIGURATION, { createEngine });
  for (const p of problems) await solver.solve(p); // warm-up
  await session.post("Profiler.start");
  const start = performance.now();
  for (let r = 0; r < rounds; r++) for (const p of problems) await solver.solve(p);
  const ms = (performance.now() - start) / (rounds * problems.length);
  const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
  const share = expShare(profile);
  console.log(`| ${name} | ${ms.toFixed(2)} | ${(100 * share).toFixed(1)}% | ${(share * ms).toFixed(2)} |`);
}
session.disconnect();
