// Profiles only the timed part of `bench step` (the t-th answer's update and computeStep) with the
// inspector, merging R repetitions into one .cpuprofile, and prints the medians of the parts. From
// the repository root (open the profile in Chrome DevTools, or summarize its self time per function):
//   node benchmarks/scripts/profile-step.mjs packages/core/dist benchmarks/dist N D T [reps] [out.cpuprofile]
import { Session } from "node:inspector/promises";
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { stepSetup } from "./step-setup.mjs";
const [coreDir, benchDir, n, d, t, reps] = [
  process.argv[2],
  process.argv[3],
  +process.argv[4],
  +process.argv[5],
  +process.argv[6],
  +(process.argv[7] ?? 40),
];
const core = await import(pathToFileURL(coreDir + "/index.js").href);
const bench = await import(pathToFileURL(benchDir + "/index.js").href);
const { history: hist, settings, prefix, warm } = stepSetup(core, bench, n, d, t);
for (let i = 0; i < 5; i++) {
  const s = prefix();
  s.add(hist[t - 1]);
  core.computeStep(s, settings(warm));
}
const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 50 });
const times = [];
const parts = { add: [], mle: [], first: [], second: [] };
let profile = null;
for (let r = 0; r < reps; r++) {
  const s = prefix();
  await session.post("Profiler.start");
  const t0 = performance.now();
  s.add(hist[t - 1]);
  const t1 = performance.now();
  const step = core.computeStep(s, settings(warm));
  times.push(performance.now() - t0);
  parts.add.push(t1 - t0);
  parts.mle.push(step.timings.mleMs);
  parts.first.push(step.timings.firstMs);
  parts.second.push(step.timings.secondMs);
  const { profile: p } = await session.post("Profiler.stop");
  if (!profile) profile = p;
  else {
    // merge samples
    const off = Math.max(...profile.nodes.map((x) => x.id));
    for (const node of p.nodes) {
      node.id += off;
      if (node.children) node.children = node.children.map((c) => c + off);
      profile.nodes.push(node);
    }
    profile.samples.push(...p.samples.map((x) => x + off));
    profile.timeDeltas.push(...p.timeDeltas);
  }
}
const med = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
console.log(
  JSON.stringify({
    n,
    d,
    t,
    median: med(times),
    add: med(parts.add),
    mle: med(parts.mle),
    first: med(parts.first),
    second: med(parts.second),
  }),
);
writeFileSync(process.argv[8] ?? "step.cpuprofile", JSON.stringify(profile));
