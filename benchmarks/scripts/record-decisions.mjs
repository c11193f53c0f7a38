// Records the step decisions of the benchmark grid (SPEC `bench step` instances) as the reference
// for src/decisions.test.ts: per (N, d) the history of 50 consistent comparisons UserAlign chose
// itself (prefixes are the histories of smaller t), and per t the `best`-mode decision
// (y⁽¹⁾, y⁽²⁾, B) and, for N ≤ 200, every V_j of `all` mode. The committed
// fixtures/decisions.json was recorded with the core and benchmarks of commit d9d50d5 (before the
// core-speed work), from the repository root:
//   node benchmarks/scripts/record-decisions.mjs [core dist/index.js] [bench dist/index.js] > benchmarks/fixtures/decisions.json
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";

const core = await import(pathToFileURL(resolve(process.argv[2] ?? "packages/core/dist/index.js")).href);
const bench = await import(pathToFileURL(resolve(process.argv[3] ?? "benchmarks/dist/index.js")).href);
const { computeStep, createSolverRegistry, PreferenceState } = core;
const { makeInstance, buildHistory } = bench;

const S = 3;
const SEED = 1;
const T_MAX = 50;
const TS = [0, 5, 20, 50];
const settings = (backend, mode) => ({ S, delta: 0.05, kind: "practical", backend, mode, tieTolerance: 1e-9, drawFirst: () => 0 });
const backend = createSolverRegistry().default();

const points = [];
for (const n of [20, 40, 100, 200, 500, 1000]) for (const d of [2, 64, 512]) points.push({ n, d, all: n <= 200 });
points.push({ n: 10000, d: 512, all: false });

const out = [];
for (const { n, d, all } of points) {
  const started = Date.now();
  const instance = makeInstance(n, d, S, SEED);
  const features = Float64Array.from(instance.features.flat());
  const history = buildHistory(instance, T_MAX, backend, SEED).comparisons;
  const steps = TS.map((t) => {
    const state = new PreferenceState(features, n, d);
    for (let k = 0; k < t; k++) state.add(history[k]);
    const best = computeStep(state, settings(backend, "best"));
    const step = { t, first: best.first, second: best.second, bound: best.bound };
    if (all) {
      const every = computeStep(state, settings(backend, "all"));
      step.values = Array.from(every.values, (v) => (Number.isNaN(v) ? null : v));
    }
    return step;
  });
  process.stderr.write(`n=${n} d=${d}: ${Date.now() - started} ms\n`);
  out.push({ n, d, seed: SEED, history: history.map((c) => [c.winner, c.loser]), steps });
}
process.stdout.write(JSON.stringify({ recordedWith: "d9d50d5", S, points: out }) + "\n");
