import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadBenchRegistry } from "./backends.js";
import { CI_GRID, FULL_GRID, gridPoints } from "./grid.js";
import { createProgress } from "./progress.js";
import { confirmFloors, floorSpec, type RatioFloor } from "./ratios.js";
import { markdownReport } from "./report-markdown.js";
import { timeVsNChart } from "./report-svg.js";
import { disagreements, runGrid } from "./run-grid.js";

/**
 * The step benchmark (issue #4): every installed backend across the grid, JSON + Markdown + SVG
 * under the results folder, a progress bar on stderr. Exits 1 when a backend's B(t) or y⁽²⁾
 * differs from the default backend's, and with --ci also when a speed ratio falls below its floor
 * in benchmarks/ci-floor.json (in the first run and in two re-timings of that point).
 *
 *   node benchmarks/dist/run.js [--ci] [--backends a,b] [--out DIR]     (--solvers: an alias of --backends)
 */
const { values } = parseArgs({
  options: { ci: { type: "boolean", default: false }, out: { type: "string" }, backends: { type: "string" }, solvers: { type: "string" } },
});
const backendList = values.backends ?? values.solvers;
const here = dirname(fileURLToPath(import.meta.url));
const spec = values.ci ? CI_GRID : FULL_GRID;
const outDir = resolve(values.out ?? resolve(here, values.ci ? "../results/ci" : "../results"));
const registry = await loadBenchRegistry(backendList ? backendList.split(",") : "all");
const solvers = backendList ? backendList.split(",") : registry.names();
const progress = createProgress(
  gridPoints(spec).length * new Set([registry.default().name, ...solvers]).size,
  values.ci ? "bench ci" : "bench",
);
const result = runGrid({ spec, registry, solvers, onProgress: (label) => progress.tick(label) });
const floors = values.ci
  ? confirmFloors(result, JSON.parse(readFileSync(resolve(here, "../ci-floor.json"), "utf8")).floors as RatioFloor[], (f) =>
      runGrid({ spec: floorSpec(spec, f), registry, solvers: [f.versus] }),
    )
  : undefined;
const command = `node benchmarks/dist/run.js${values.ci ? " --ci" : ""}${backendList ? ` --backends ${backendList}` : ""}`;

mkdirSync(outDir, { recursive: true });
writeFileSync(resolve(outDir, "step.json"), JSON.stringify({ spec, ...result, ...(floors ? { floors } : {}) }, null, 2) + "\n");
const md = markdownReport(result, spec, command, floors);
writeFileSync(resolve(outDir, "step.md"), md);
for (const d of spec.ds) writeFileSync(resolve(outDir, `time-vs-n-d${d}.svg`), timeVsNChart(result, d));
process.stdout.write(md);

const bad = disagreements(result);
if (bad.length > 0) {
  process.stderr.write(`${bad.length} run(s) disagree with ${result.reference} on B(t) or y⁽²⁾ (see ${resolve(outDir, "step.md")})\n`);
  process.exitCode = 1;
}
for (const f of floors ?? []) {
  if (!f.ok) {
    process.stderr.write(
      `ratio regression: ${f.versus} / ${result.reference} at N=${f.n} d=${f.d} t=${f.t} is ${f.ratios.map((r) => r?.toFixed(2) ?? "missing").join(", ")} in ${f.ratios.length} runs, floor ${f.min_ratio}\n`,
    );
    process.exitCode = 1;
  }
}
