/**
 * Issue 17: in `best` mode at N = 1000, d = 512, t = 50 the shared passive-set bounds should
 * settle nearly every candidate, leaving a handful for per-candidate projections. Round 0 used to
 * end the rounds (its one lead, picked by the weak single-halfspace bound, set a low floor, so
 * only 957 → 949 settled) and ~221 candidates were projected one by one. Counts the per-candidate
 * reads (`reduced`) on the recorded history of fixtures/decisions.json; the decision must be the
 * recorded one.
 */
import { describe, expect, it } from "vitest";
import { computeStep, createSolverRegistry, PreferenceState } from "@useralign/core";
import { benchSettings } from "./history.js";
import { readDecisionFixture } from "./decision-fixture.js";
import { makeInstance } from "./instance.js";

const fixture = readDecisionFixture();

describe("shared passive-set bounds at N = 1000, d = 512, t = 50", () => {
  it("leave at most 20 candidates to per-candidate projections, deciding as recorded", { timeout: 60_000 }, () => {
    const point = fixture.points.find((p) => p.n === 1000 && p.d === 512)!;
    const recorded = point.steps.find((s) => s.t === 50)!;
    const instance = makeInstance(point.n, point.d, fixture.S, point.seed);
    const state = new PreferenceState(Float64Array.from(instance.features.flat()), point.n, point.d);
    for (const [winner, loser] of point.history.slice(0, 50)) state.add({ winner, loser });
    let perCandidate = 0;
    const directions = state.directions.bind(state);
    state.directions = (first) => {
      const dirs = directions(first);
      const reduced = dirs.reduced.bind(dirs);
      dirs.reduced = (j, out) => (perCandidate++, reduced(j, out));
      return dirs;
    };
    const step = computeStep(state, benchSettings(createSolverRegistry().default()));
    expect({ first: step.first, second: step.second }).toEqual({ first: recorded.first, second: recorded.second });
    expect(perCandidate).toBeGreaterThan(0);
    expect(perCandidate).toBeLessThanOrEqual(20);
  });
});
