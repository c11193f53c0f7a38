// Times the step of `bench step` (the t-th answer's incremental update, then computeStep in
// `best` mode) with two builds of @useralign/core in one process, alternating them every round, and
// prints medians of wall and CPU time (CPU time is steadier on a loaded machine) and whether the
// two builds decided the same. Build the old core once (e.g. a copy of packages/core/dist at the base
// commit, with a node_modules link so it resolves zod), then from the repository root:
//   node benchmarks/scripts/step-before-after.mjs <old core dist> packages/core/dist benchmarks/dist N D T [reps]
import { pathToFileURL } from "node:url";
import { stepSetup } from "./step-setup.mjs";
const [oldDir, newDir, benchDir, n, d, t, reps] = [
  process.argv[2],
  process.argv[3],
  process.argv[4],
  +process.argv[5],
  +process.argv[6],
  +process.argv[7],
  +(process.argv[8] ?? 15),
];
const cores = [await import(pathToFileURL(oldDir + "/index.js").href), await import(pathToFileURL(newDir + "/index.js").href)];
const bench = await import(pathToFileURL(benchDir + "/index.js").href);
const hist = stepSetup(cores[1], bench, n, d, t).history;
const runs = cores.map((core) => {
  const { settings, prefix, warm } = stepSetup(core, bench, n, d, t, hist);
  return { core, settings, prefix, warm, times: [], second: [], mle: [], decision: null };
});
for (let r = 0; r < reps + 3; r++) {
  for (const run of runs) {
    const s = run.prefix();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    if (t > 0) s.add(hist[t - 1]);
    const step = run.core.computeStep(s, run.settings(run.warm));
    const el = performance.now() - t0;
    const cu = process.cpuUsage(c0);
    if (r >= 3) {
      run.times.push(el);
      (run.cpu ??= []).push((cu.user + cu.system) / 1000);
      run.second.push(step.timings.secondMs);
      run.mle.push(step.timings.mleMs);
    }
    run.decision = [step.first, step.second, step.bound];
  }
}
const med = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
const [o, w] = runs;
console.log(
  JSON.stringify({
    n,
    d,
    t,
    old_cpu_ms: +med(o.cpu).toFixed(3),
    new_cpu_ms: +med(w.cpu).toFixed(3),
    cpu_ratio: +(med(o.cpu) / med(w.cpu)).toFixed(2),
    old_ms: +med(o.times).toFixed(3),
    new_ms: +med(w.times).toFixed(3),
    ratio: +(med(o.times) / med(w.times)).toFixed(2),
    old_second: +med(o.second).toFixed(3),
    new_second: +med(w.second).toFixed(3),
    old_mle: +med(o.mle).toFixed(3),
    new_mle: +med(w.mle).toFixed(3),
    same: JSON.stringify(o.decision.slice(0, 2)) === JSON.stringify(w.decision.slice(0, 2)),
    dB: Math.abs(o.decision[2] - w.decision[2]),
  }),
);
