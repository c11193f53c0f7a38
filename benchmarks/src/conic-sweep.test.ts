import { createClarabelSolver } from "@useralign/conic";
import { describe, expect, it } from "vitest";
import { sweepConfidenceSet, sweepRandomExp } from "./conic-sweep-problems.js";
import { HISTOGRAM_BUCKETS, runSweep, summarizeSweep, sweepMarkdown, sweepProblems, type SweepRecord } from "./conic-sweep.js";

describe("conic iteration sweep", () => {
  it("builds 9 confidence-set problems per seed, one random exp-cone problem per seed, and the conformance cases", () => {
    const problems = sweepProblems({ confidenceSeeds: [1, 2], randomSeeds: [7], conformance: false });
    expect(problems.filter((p) => p.set === "confidence-set")).toHaveLength(18);
    expect(problems.filter((p) => p.set === "random-exp").map((p) => p.label)).toEqual(["seed=7"]);
    expect(sweepProblems({ confidenceSeeds: [], randomSeeds: [] }).length).toBeGreaterThan(20);
  });

  it("writes the confidence-set problem in conic form: 2t exp cones, t + 1 nonnegative rows, an SOC of d + 1, L at the loss row", () => {
    const p = sweepConfidenceSet(3, 5, 20, "slack");
    expect(p.cones.filter((c) => c.type === "exp")).toHaveLength(40);
    expect(p.cones.at(-2)).toEqual({ type: "nonneg", dim: 21 });
    expect(p.cones.at(-1)).toEqual({ type: "soc", dim: 6 });
    expect(p.q).toHaveLength(5 + 60);
    // Rows: 6 per comparison, then the 20 rows w¹ + w² ≤ 1, then Σv ≤ L, then S.
    expect(p.b[6 * 20 + 20]).toBe(20_000);
    expect(p.b[6 * 20 + 21]).toBe(3);
    // Same seed, same problem (the sweep's numbers are reproducible).
    expect(sweepConfidenceSet(3, 5, 20, "1.02")).toEqual(sweepConfidenceSet(3, 5, 20, "1.02"));
    expect(sweepConfidenceSet(3, 5, 20, "1.5").b[140]).toBeCloseTo((sweepConfidenceSet(3, 5, 20, "1.02").b[140]! / 1.02) * 1.5, 12);
  });

  it("random exp-cone problems carry their known optimum, which the solver reaches", async () => {
    const { problem, objective } = sweepRandomExp(5);
    expect(problem.cones.some((c) => c.type === "exp")).toBe(true);
    const [record] = await runSweep([{ set: "random-exp", label: "seed=5", problem, objective }], [createClarabelSolver()], {
      kernels: "ts",
    });
    expect(record!.status).toBe("solved");
    expect(record!.iterations).toBeLessThanOrEqual(30);
    expect(record!.objectiveError!).toBeLessThan(1e-6);
  });

  it("summarizes statuses, the histogram, the tail and the worst problems per set and solver", () => {
    const records: SweepRecord[] = [
      { set: "random-exp", label: "a", solver: "clarabel", status: "solved", iterations: 5 },
      { set: "random-exp", label: "b", solver: "clarabel", status: "solved", iterations: 11 },
      { set: "random-exp", label: "c", solver: "clarabel", status: "almost_solved", iterations: 31 },
      { set: "random-exp", label: "d", solver: "ecos", status: "solved", iterations: 26, objectiveError: 2e-9 },
    ];
    const [clarabel, ecos] = summarizeSweep(records);
    expect(clarabel).toMatchObject({
      solver: "clarabel",
      count: 3,
      median: 11,
      max: 31,
      over30: 1,
      over25: 1,
      statuses: { solved: 2, almost_solved: 1 },
    });
    expect(HISTOGRAM_BUCKETS.map((b) => clarabel!.histogram[b])).toEqual([1, 0, 1, 0, 0, 0, 1]);
    expect(clarabel!.worst[0]).toEqual({ label: "c", iterations: 31, status: "almost_solved" });
    expect(ecos).toMatchObject({ max: 26, over30: 0, over25: 1, maxObjectiveError: 2e-9 });
    expect(sweepMarkdown([clarabel!, ecos!])).toContain("c: 31 almost_solved");
  });
});
