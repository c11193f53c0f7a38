import { describe, expect, it } from "vitest";
import { randomProblem } from "../src/testing/index.js";
import { expectKkt, solve } from "./helpers.js";

describe.each([0, 1])("random problems with a known optimum (solver %i: clarabel, ecos)", (which) => {
  it.each(Array.from({ length: 20 }, (_, k) => 2000 + k))("with exp cones, seed %i: solved, KKT, the optimal value", async (seed) => {
    const { problem, objective } = randomProblem(seed, true);
    const sol = await solve(problem, which);
    expectKkt(problem, sol, 1e-6);
    expect(Math.abs(sol.primalObjective - objective)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(objective)));
  });

  it.each(Array.from({ length: 30 }, (_, k) => 1000 + k))("seed %i: solved, KKT on the original data, the optimal value", async (seed) => {
    const { problem, objective } = randomProblem(seed);
    const sol = await solve(problem, which);
    expectKkt(problem, sol, 1e-6);
    expect(Math.abs(sol.primalObjective - objective)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(objective)));
  });
});

/**
 * Random exp-cone problems of the sweep (benchmarks/src/run-conic-sweep.ts, seeds 1–300) that ended
 * `insufficient_progress` or `almost_solved` or took more than 30 iterations before the direction
 * refinement, the exp-cone PD-scaling fix and the barrier line search.
 */
describe("previously stalling random exp-cone problems: solved in at most 30 iterations, optimal value", () => {
  it.each([
    [0, 111],
    [0, 106],
    [1, 269],
    [1, 99],
    [1, 6],
    [1, 95],
    // After those changes: `insufficient_progress` (σ ≈ 1e-3 steps cut to ~1e-3 by the barrier
    // line search after the switch to the dual scaling); fixed by taking σ from the affine step the
    // line search allows.
    [1, 20],
    // σ from that step alone: 49 iterations (one step raised the primal residual 2000×); Clarabel's
    // going-backwards test (undo the step, switch to the dual scaling) brings it to 12.
    [1, 115],
  ])("solver %i (clarabel, ecos), seed %i", async (which, seed) => {
    const { problem, objective } = randomProblem(seed, true);
    const sol = await solve(problem, which);
    expect(sol.status).toBe("solved");
    expect(sol.iterations).toBeLessThanOrEqual(30);
    expectKkt(problem, sol, 1e-6);
    expect(Math.abs(sol.primalObjective - objective)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(objective)));
  });
});
