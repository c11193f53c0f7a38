/**
 * The speed work on the step must not change a single decision on the benchmark grid
 * (N ∈ {20, 40, 100, 200, 500, 1000} × d ∈ {2, 64, 512} × t ∈ {0, 5, 20, 50}, and N = 10,000,
 * d = 512, t = 50). fixtures/decisions.json (scripts/record-decisions.mjs) holds the histories
 * UserAlign chose on `bench step`'s instances and the decisions of the core of commit d9d50d5.
 * Today's core, on the same histories, must pick identical y⁽¹⁾ and y⁽²⁾; B(t) and, for N ≤ 200,
 * every V_j of `all` mode must agree to 1e-12 relative (which candidate warm-starts the winner's
 * NNLS moves the last bits; the indices may not move). Also: the history UserAlign builds today
 * on these instances is the recorded one.
 */
import { describe, expect, it } from "vitest";
import { computeStep, createSolverRegistry, PreferenceState, type ConfidenceSetBackend } from "@useralign/core";
import { benchSettings, buildHistory } from "./history.js";
import { readDecisionFixture, type RecordedPoint } from "./decision-fixture.js";
import { makeInstance } from "./instance.js";

const fixture = readDecisionFixture();

const close = (actual: number, recorded: number) => Math.abs(actual - recorded) <= 1e-12 * Math.max(1, Math.abs(recorded));

function checkPoint(point: RecordedPoint, backend: ConfidenceSetBackend): void {
  const instance = makeInstance(point.n, point.d, fixture.S, point.seed);
  const features = Float64Array.from(instance.features.flat());
  const history = point.history.map(([winner, loser]) => ({ winner, loser }));
  if (point.n <= 1000) {
    expect(buildHistory(instance, history.length, backend, point.seed).comparisons).toEqual(history);
  }
  for (const recorded of point.steps) {
    const state = new PreferenceState(features, point.n, point.d);
    for (let k = 0; k < recorded.t; k++) state.add(history[k]!);
    const best = computeStep(state, benchSettings(backend));
    expect({ t: recorded.t, first: best.first, second: best.second }).toEqual({
      t: recorded.t,
      first: recorded.first,
      second: recorded.second,
    });
    expect(close(best.bound, recorded.bound), `B(${recorded.t}) = ${best.bound}, recorded ${recorded.bound}`).toBe(true);
    if (!recorded.values) continue;
    const all = computeStep(state, { ...benchSettings(backend), mode: "all" });
    expect(all.second).toBe(recorded.second);
    recorded.values.forEach((v, j) => {
      if (v === null) expect(all.values[j]).toBeNaN();
      else expect(close(all.values[j]!, v), `V_${j} at t = ${recorded.t}: ${all.values[j]}, recorded ${v}`).toBe(true);
    });
  }
}

describe("step decisions on the benchmark grid are the recorded ones", () => {
  const backend = createSolverRegistry().default();
  for (const point of fixture.points) {
    it(`N = ${point.n}, d = ${point.d}`, { timeout: 60_000 }, () => checkPoint(point, backend));
  }
});
