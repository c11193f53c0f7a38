import { describe, expect, it } from "vitest";
import { benchReplays, replayBenchMarkdown } from "./replay-bench.js";

describe("replay benchmark", () => {
  it("times a replay-heavy step both ways and both agree on y⁽²⁾ and B(t)", () => {
    const rows = benchReplays({ seeds: [2], steps: [60], reps: 1 });
    expect(rows).toHaveLength(1);
    const [r] = rows;
    expect(r!.t).toBe(60);
    // Most of the 60 entries are replays of a few comparisons.
    expect(r!.distinct).toBeLessThan(15);
    expect(r!.same_second).toBe(true);
    expect(r!.bound_diff).toBeLessThanOrEqual(1e-9);
    expect(r!.weighted_ms).toBeGreaterThan(0);
    expect(replayBenchMarkdown(rows)).toContain("| 2 | 60 |");
  });
});
