// Times the step of `bench step` (the t-th answer's update, then computeStep in `best` mode) with
// one build of @useralign/core in a process of its own and prints the medians of its parts as one
// JSON line. Two builds in one process can slow each other (step-before-after.mjs), so for small
// differences alternate processes of the old and the new build and compare the medians, e.g.
//   for i in 1 2 3 4 5; do node benchmarks/scripts/step-one-core.mjs OLD benchmarks/dist 1000 512 50 41;
//     node benchmarks/scripts/step-one-core.mjs packages/core/dist benchmarks/dist 1000 512 50 41; done
import { pathToFileURL } from "node:url";
import { stepSetup } from "./step-setup.mjs";

const [coreDir, benchDir] = [process.argv[2], process.argv[3]];
const [n, d, t, reps] = [+process.argv[4], +process.argv[5], +process.argv[6], +(process.argv[7] ?? 41)];
const core = await import(pathToFileURL(`${coreDir}/index.js`).href);
const bench = await import(pathToFileURL(`${benchDir}/index.js`).href);
const { history, settings, prefix, warm } = stepSetup(core, bench, n, d, t);
const parts = { total: [], cpu: [], update: [], mle: [], second: [] };
let decision = null;
for (let rep = 0; rep < reps + 4; rep++) {
  const state = prefix();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  state.add(history[t - 1]);
  const t1 = performance.now();
  const step = core.computeStep(state, settings(warm));
  const elapsed = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (rep >= 4) {
    parts.total.push(elapsed);
    parts.cpu.push((cpu.user + cpu.system) / 1000);
    parts.update.push(t1 - t0);
    parts.mle.push(step.timings.mleMs);
    parts.second.push(step.timings.secondMs);
  }
  decision = [step.first, step.second, step.bound];
}
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const out = Object.fromEntries(Object.entries(parts).map(([k, v]) => [`${k}_ms`, +median(v).toFixed(3)]));
console.log(JSON.stringify({ n, d, t, reps, ...out, decision }));
