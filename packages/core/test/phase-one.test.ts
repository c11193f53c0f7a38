/**
 * Phase I of the barrier method (finding a point strictly inside Θ, or proving there is none),
 * checked by evaluating the constraints directly at the point it returns and against sets whose
 * thickness is known in closed form.
 */
import { describe, expect, it } from "vitest";
import { BarrierSolver, type SmoothConvexSet } from "../src/solver/barrier.js";
import { Rng } from "../src/rng.js";
import { softplusRef } from "./helpers/reference-math.js";

const S = 3;

/** Largest halfspace or loss constraint value at x, written out independently of the solver. */
function worstConstraint(set: SmoothConvexSet, x: ArrayLike<number>): number {
  let worst = -Infinity;
  const dot = (r: Float64Array) => r.reduce((acc, v, i) => acc + v * x[i]!, 0);
  for (const h of set.halfspaces) worst = Math.max(worst, -dot(h));
  if (set.lossLevel !== null) {
    const loss = set.lossRows.reduce((acc, z) => acc + softplusRef(-dot(z)), 0);
    worst = Math.max(worst, loss - set.lossLevel);
  }
  return worst;
}

/**
 * Answers whose halfspaces cut the plane down to the wedge of directions within `width`/2 of
 * (0, 1): normals at angles spread over [width/2, π − width/2] (both ends included), of random
 * length in [0.6, 1] (differences of candidates at least 0.6 apart), as many consistent answers
 * leave it.
 */
function wedgeRows(count: number, width: number, seed: number): Float64Array[] {
  const rng = Rng.fromSeed(seed);
  return Array.from({ length: count }, (_, k) => {
    const angle = width / 2 + ((Math.PI - width) * k) / (count - 1);
    const length = 0.6 + 0.4 * rng.next();
    return Float64Array.of(length * Math.cos(angle), length * Math.sin(angle));
  });
}

/** A start like 0.5·θ̂ of a real instance: inside the ball, 40° off the wedge. */
const START = Float64Array.of(1.1, 1.0);

describe("phase I (barrier method)", () => {
  it("finds the interior of a 0.04 rad wedge cut by 300 halfspaces and a binding loss constraint", () => {
    const rows = wedgeRows(300, 0.04, 7);
    const tip = Float64Array.of(0, 0.9 * S);
    // The loss at radius 1 along the wedge's axis: the set is the wedge between radius ≈ 1 and S.
    const level = rows.reduce((acc, z) => acc + softplusRef(-z[1]!), 0);
    const set: SmoothConvexSet = { n: 2, radius: S, halfspaces: rows, lossRows: rows, lossLevel: level };
    expect(worstConstraint(set, tip)).toBeLessThan(0); // (and ‖tip‖ < S)
    const result = new BarrierSolver(set).findInteriorPoint(START);
    // Before the fix: value 1.79 after 2256 Newton steps (the iterate had left the ball and was
    // crawling back along σ = ‖x‖² − R²), and the set was declared empty.
    expect(result.value).toBeLessThan(-1e-3);
    expect(worstConstraint(set, result.x)).toBeCloseTo(result.value, 9);
    expect(worstConstraint(set, result.x)).toBeLessThan(0);
    expect(Math.hypot(...result.x)).toBeLessThan(S);
    // A run that took thousands of Newton steps would be the same failure, only slower.
    expect(result.newtonSteps).toBeLessThan(200);
  });

  it("proves a set empty when the loss level is below the loss anywhere in the ball", () => {
    const rows = wedgeRows(50, 0.3, 8);
    // On ‖x‖ ≤ S every term is ≥ softplus(−S‖z_k‖), so the loss exceeds this level everywhere.
    const floor = rows.reduce((acc, z) => acc + softplusRef(-S * Math.hypot(z[0]!, z[1]!)), 0);
    const set: SmoothConvexSet = { n: 2, radius: S, halfspaces: rows, lossRows: rows, lossLevel: 0.9 * floor };
    const result = new BarrierSolver(set).findInteriorPoint(START);
    expect(result.value).toBeGreaterThan(0);
    // The duality bound proves it: min_x max_i f_i(x) > 0.
    expect(result.lowerBound).toBeGreaterThan(0);
    expect(result.lowerBound).toBeLessThanOrEqual(result.value);
  });

  // τ within 1e-8 of min_{H∩ball} L: the edge of emptiness, where the barrier's slacks reach the
  // resolution of double precision. Just above, phase I must still find a point; just below, it
  // must say so with a bound (CERTIFIED_DEPTH in GeneralSupport) instead of failing.
  it("at the edge of emptiness (τ = min L ± 1e-8) finds the sliver or bounds its absence", () => {
    const rows = wedgeRows(300, 0.04, 7);
    const lossAt = (x: number, y: number) => rows.reduce((acc, z) => acc + softplusRef(-(z[0]! * x + z[1]! * y)), 0);
    // In the wedge every margin is ≥ 0, so L falls along rays: its minimum is on the arc ‖x‖ = S.
    let minLoss = Infinity;
    for (let i = 0; i <= 20_000; i++) {
      const angle = Math.PI / 2 - 0.02 + (0.04 * i) / 20_000;
      minLoss = Math.min(minLoss, lossAt(S * Math.cos(angle), S * Math.sin(angle)));
    }
    const above = new BarrierSolver({ n: 2, radius: S, halfspaces: rows, lossRows: rows, lossLevel: minLoss + 1e-8 }).findInteriorPoint(
      START,
    );
    expect(above.value).toBeLessThan(-1e-10);
    expect(Math.hypot(...above.x)).toBeLessThan(S);
    expect(lossAt(above.x[0]!, above.x[1]!)).toBeLessThan(minLoss + 1e-8);
    const below = new BarrierSolver({ n: 2, radius: S, halfspaces: rows, lossRows: rows, lossLevel: minLoss - 1e-8 }).findInteriorPoint(
      START,
    );
    expect(below.value).toBeGreaterThan(0);
    expect(below.lowerBound).toBeGreaterThan(-1e-4);
    expect(below.lowerBound).toBeLessThanOrEqual(1e-8);
    // Stalled centerings stop early instead of spending their 200 Newton steps each.
    expect(above.newtonSteps + below.newtonSteps).toBeLessThan(400);
  });

  // Two unit normals at angles ±(π/2 − w/2) from (0, 1) leave the wedge of width w; its best point
  // (S·(0, 1) pulled in to balance the ball) has max_i f_i ≈ −S·sin(w/2), so w decides whether the
  // interior is above or below the 1e-10 tolerance.
  const twoHalfspaces = (width: number): SmoothConvexSet => {
    const a = width / 2;
    const rows = [Float64Array.of(Math.cos(a), Math.sin(a)), Float64Array.of(-Math.cos(a), Math.sin(a))];
    return { n: 2, radius: S, halfspaces: rows, lossRows: [], lossLevel: null };
  };

  it("finds a wedge 1e-6 rad wide (max_i f_i ≈ −1.5e-6)", () => {
    const set = twoHalfspaces(1e-6);
    const result = new BarrierSolver(set).findInteriorPoint(START);
    expect(result.value).toBeLessThan(-1e-6);
    expect(worstConstraint(set, result.x)).toBeLessThan(-1e-6);
    expect(Math.hypot(...result.x)).toBeLessThan(S);
    expect(result.value).toBeGreaterThan(-S * Math.sin(0.5e-6) * (1 + 1e-6));
  });

  it("reports a wedge 1e-13 rad wide as having no interior to tolerance, with a certificate", () => {
    const result = new BarrierSolver(twoHalfspaces(1e-13)).findInteriorPoint(START, 1e-10);
    expect(result.value).toBeGreaterThanOrEqual(-1e-10);
    // Converged, and the bound is within the duality gap of the value.
    expect(result.lowerBound).toBeGreaterThan(-1e-9);
    expect(result.lowerBound).toBeLessThanOrEqual(result.value);
  });
});
