/**
 * Issue 12: every numeric routine reports how it ended, and a capped or failed solve is never
 * reported as an exact V_j. Each routine is forced to its cap through its internal limits and
 * must say so; the structured backend must then take the barrier route (same values) or, when
 * that is capped too, raise `internal_error`.
 */
import { describe, expect, it } from "vitest";
import {
  computeStep,
  createStructuredBackend,
  fitMle,
  isUserAlignError,
  PreferenceState,
  type ConfidenceSetBackend,
  type StepSettings,
} from "../src/index.js";
import { solveBallQp } from "../src/solver/ball-qp.js";
import { BarrierSolver } from "../src/solver/barrier.js";
import { ConeProjector } from "../src/solver/cone-projection.js";
import { spherePool } from "./helpers/pools.js";

/** A UserAlign history of `t` consistent answers on a sphere pool, as PreferenceState. */
function history(n: number, d: number, t: number, seed: number): PreferenceState {
  const { features, utility } = spherePool(n, d, seed);
  const state = new PreferenceState(Float64Array.from(features.flat()), n, d);
  for (let k = 0; k < t; k++) {
    const a = (3 * k) % n;
    const b = (7 * k + 1) % n;
    if (a === b) continue;
    state.add(utility[a]! >= utility[b]! ? { winner: a, loser: b } : { winner: b, loser: a });
  }
  return state;
}

const settings = (backend: ConfidenceSetBackend, mode: "all" | "best" = "all"): StepSettings => ({
  S: 3,
  delta: 0.05,
  kind: "practical",
  backend,
  mode,
  tieTolerance: 1e-9,
  drawFirst: () => 0,
});

describe("ball QP status", () => {
  const h = Float64Array.of(2, 0.5, 0.5, 1);
  const c = Float64Array.of(-40, 25);
  it("is exact inside the ball and on the sphere, capped at a tiny cap, failed for an indefinite H", () => {
    expect(solveBallQp(h, Float64Array.of(0.1, 0.1), 2, 3).status).toBe("exact");
    const full = solveBallQp(h, c, 2, 3);
    expect(full.status).toBe("exact");
    expect(Math.hypot(...full.x)).toBeCloseTo(3, 12);
    const capped = solveBallQp(h, c, 2, 3, 0, { iterationCap: 1 });
    expect(capped.status).toBe("capped");
    expect(capped.iterations).toBe(1);
    const failed = solveBallQp(Float64Array.of(1, 0, 0, -1), c, 2, 3);
    expect(failed.status).toBe("failed");
    expect(failed.x.every(Number.isNaN)).toBe(true);
  });
  it("makes the MLE report capped at a tiny iteration cap", () => {
    const state = history(20, 5, 12, 3);
    expect(fitMle(state, state.rank, 3).status).toBe("exact");
    expect(fitMle(state, state.rank, 3, undefined, 1).status).toBe("capped");
  });
});

describe("cone projection status", () => {
  const state = history(30, 8, 20, 4);
  const system = { rows: state, gram: state.gram, gramStride: state.gramStride };
  const a = new Float64Array(state.rank);
  state.directions(0).reduced(5, a);
  it("is exact with the default caps and capped when the caps end the loop", () => {
    const exact = new ConeProjector(system).project(a, state.rank);
    expect(exact.status).toBe("exact");
    expect(exact.iterations).toBeGreaterThan(1);
    const capped = new ConeProjector(system, { outerCap: () => 1, innerCap: () => 1 }).project(a, state.rank);
    expect(capped.status).toBe("capped");
  });
});

describe("barrier status", () => {
  const rows = [Float64Array.of(1, 0.2), Float64Array.of(-0.3, 1)];
  const set = { n: 2, radius: 3, halfspaces: rows, lossRows: rows, lossLevel: 5 };
  it("is exact by default, capped at a tiny path cap", () => {
    const start = new BarrierSolver(set).findInteriorPoint(Float64Array.of(0.1, 0.1)).x;
    const g = Float64Array.of(1, 1);
    const exact = new BarrierSolver(set).maximize(g, start);
    expect(exact.status).toBe("exact");
    expect(new BarrierSolver(set, { pathIterationCap: 2 }).maximize(g, start).status).toBe("capped");
    expect(new BarrierSolver(set, { centerIterationCap: 1 }).maximize(g, start).status).not.toBe("exact");
  });
});

describe("structured backend with capped solves", () => {
  it("redoes capped projections by the barrier route and gets the same V_j", () => {
    const state = history(25, 6, 15, 5);
    const reference = computeStep(state, settings(createStructuredBackend()));
    const viaBarrier = computeStep(state, settings(createStructuredBackend({ projection: { outerCap: () => 0, innerCap: () => 0 } })));
    expect(reference.lossMayBind).toBe(false);
    expect(viaBarrier.second).toBe(reference.second);
    reference.values.forEach((v, j) => {
      if (Number.isNaN(v)) return;
      expect(Math.abs(viaBarrier.values[j]! - v)).toBeLessThan(1e-8);
      expect(viaBarrier.exact[j]).toBe(1);
    });
  });
  it("raises internal_error, never a value, when the barrier route is capped too", () => {
    const state = history(25, 6, 15, 5);
    const backend = createStructuredBackend({ projection: { outerCap: () => 0, innerCap: () => 0 }, barrier: { pathIterationCap: 4 } });
    let error: unknown;
    try {
      computeStep(state, settings(backend, "best"));
    } catch (e) {
      error = e;
    }
    expect(isUserAlignError(error, "internal_error")).toBe(true);
    // (4 central-path iterations are enough for phase I here, not for phase II.)
    expect((error as Error).message).toMatch(/ended capped/);
    // The state is unchanged: the default backend still answers on it.
    expect(computeStep(state, settings(createStructuredBackend(), "best")).second).toBeGreaterThanOrEqual(0);
  });
});
