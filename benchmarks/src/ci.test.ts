import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadBenchRegistry } from "./backends.js";
import { CI_GRID } from "./grid.js";
import { confirmFloors, floorSpec, type RatioFloor } from "./ratios.js";
import { disagreements, runGrid } from "./run-grid.js";

// The CI benchmark (`node benchmarks/dist/run.js --ci`) run in-process, so the README's one test
// command runs it: results must agree, and speed ratios within this run must stay above the
// committed floors. No absolute time is asserted. A point below its floor is re-timed twice (the
// test files beside this one load the other core) and fails only if it stays below.
const floors = JSON.parse(readFileSync(new URL("../ci-floor.json", import.meta.url), "utf8")).floors as RatioFloor[];

describe("CI benchmark", () => {
  it("every backend agrees with the default on B(t) and y⁽²⁾, and the speed ratios hold their floors", async () => {
    const registry = await loadBenchRegistry("all");
    const result = runGrid({ spec: CI_GRID, registry });
    expect(result.solvers).toEqual(expect.arrayContaining(["structured", "general", "highs"]));
    expect(disagreements(result)).toEqual([]);
    const confirmed = confirmFloors(result, floors, (f) => runGrid({ spec: floorSpec(CI_GRID, f), registry, solvers: [f.versus] }));
    for (const f of confirmed) {
      expect(f.ratio, `${f.versus} at N=${f.n} d=${f.d} t=${f.t}`).not.toBeNull();
      expect(
        f.ratio!,
        `${f.versus} / structured at N=${f.n} d=${f.d} t=${f.t} (floor ${f.min_ratio}: ${f.why}; runs ${f.ratios.join(", ")})`,
      ).toBeGreaterThanOrEqual(f.min_ratio);
    }
  }, 180_000);
});
