import { describe, expect, it } from "vitest";
import { dense, expectDualCertificate, expectKkt, expectPrimalCertificate, solve } from "./helpers.js";

const none = { rows: [], cols: [], vals: [], shape: [0, 2] as const };

describe.each([0, 1])("awkward inputs (solver %i: clarabel, ecos)", (which) => {
  it("m = 0: an unconstrained QP", async () => {
    const problem = { P: { rows: [0, 1], cols: [0, 1], vals: [2, 1], shape: [2, 2] as const }, q: [-2, 1], A: none, b: [], cones: [] };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(sol.x[0]).toBeCloseTo(1, 8);
    expect(sol.x[1]).toBeCloseTo(-1, 8);
    expect(sol.y).toHaveLength(0);
  });

  it("m = 0 with zero cost: any x is optimal, objective 0", async () => {
    const problem = { q: [0, 0], A: none, b: [], cones: [] };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(sol.primalObjective).toBe(0);
  });

  it("m = 0 with a linear cost is unbounded", async () => {
    const problem = { q: [1, 0], A: none, b: [], cones: [] };
    const sol = await solve(problem, which);
    expectDualCertificate(problem, sol);
  });

  it("zero cost: a feasibility problem", async () => {
    const problem = {
      q: [0, 0],
      A: dense([
        [-1, 0],
        [0, -1],
        [1, 1],
      ]),
      b: [-1, -1, 3],
      cones: [{ type: "nonneg" as const, dim: 3 }],
    };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(sol.x[0]).toBeGreaterThanOrEqual(1 - 1e-7);
    expect(sol.x[0]! + sol.x[1]!).toBeLessThanOrEqual(3 + 1e-7);
  });

  it("explicit zeros and repeated triplets (which add up) are harmless", async () => {
    // A = [[-1, 0]] written as −0.25 − 0.75 at (0,0) plus an explicit zero at (0,1).
    const problem = {
      q: [1, 0],
      A: { rows: [0, 0, 0], cols: [0, 0, 1], vals: [-0.25, -0.75, 0], shape: [1, 2] as const },
      b: [-2],
      cones: [{ type: "nonneg" as const, dim: 1 }],
      P: { rows: [1, 0], cols: [1, 1], vals: [1, 0], shape: [2, 2] as const },
    };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(sol.x[0]).toBeCloseTo(2, 7);
  });

  it("an all-zero row with b ≥ 0 is harmless", async () => {
    const problem = { q: [1], A: dense([[-1], [0]]), b: [-1, 0.5], cones: [{ type: "nonneg" as const, dim: 2 }] };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(sol.x[0]).toBeCloseTo(1, 7);
  });

  it("an all-zero row with b < 0 is primal infeasible, certified by that row", async () => {
    const problem = { q: [1], A: dense([[-1], [0]]), b: [-1, -0.5], cones: [{ type: "nonneg" as const, dim: 2 }] };
    const sol = await solve(problem, which);
    expectPrimalCertificate(problem, sol);
    expect(sol.y[1]).toBeCloseTo(2, 6);
  });

  it("cones of dimension 1 (a 1-d second-order cone is a half-line)", async () => {
    const problem = {
      q: [1, 1],
      A: dense([
        [-1, 0],
        [0, -1],
      ]),
      b: [-1, -2],
      cones: [
        { type: "soc" as const, dim: 1 },
        { type: "nonneg" as const, dim: 1 },
      ],
    };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(sol.x[0]).toBeCloseTo(1, 7);
    expect(sol.x[1]).toBeCloseTo(2, 7);
  });

  it("an optimum at the apex with equality rows: min t s.t. ‖x‖ ≤ t, x = 0", async () => {
    const problem = {
      q: [1, 0, 0],
      A: dense([
        [0, 1, 0],
        [0, 0, 1],
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, -1],
      ]),
      b: [0, 0, 0, 0, 0],
      cones: [
        { type: "zero" as const, dim: 2 },
        { type: "soc" as const, dim: 3 },
      ],
    };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(Math.abs(sol.x[0]!)).toBeLessThan(1e-7);
  });

  it("badly scaled data (entries from 1e-8 to 1e4)", async () => {
    // 1e-8·x₁ ≥ 2e-8 (x₁ ≥ 2), 1e4·x₂ ≥ 3e4 (x₂ ≥ 3), min x₁ + 1e4·x₂.
    const problem = {
      q: [1, 1e4],
      A: dense([
        [-1e-8, 0],
        [0, -1e4],
      ]),
      b: [-2e-8, -3e4],
      cones: [{ type: "nonneg" as const, dim: 2 }],
    };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    // Tolerances are relative to the objective's size (3e4): x₁ (cost 1) is pinned only to ~1e-4.
    expect(sol.x[0]).toBeCloseTo(2, 3);
    expect(sol.x[1]).toBeCloseTo(3, 7);
    expect(sol.primalObjective / (2 + 3e4)).toBeCloseTo(1, 8);
  });

  it("badly scaled rows, dual 1e8 (the conformance case awkward-badly-scaled): solved, not almost_solved", async () => {
    // min −x₁ − 1e-4·x₂ s.t. 1e-8·x₁ ≤ 1e-8, 1e-4·x₂ ≤ 1, 1e4·x₁ + 1e-4·x₂ ≤ 2e4, x ≥ 0: x = (1, 1e4), y₁ = 1e8.
    // With Ruiz factors capped at 1e4 the first row stayed at 1e-4 (its dual at 1e4) and the gap had a
    // rounding floor ~1e-6: clarabel ended almost_solved after 16 iterations, ecos after 100.
    const problem = {
      q: [-1, -1e-4],
      A: dense([
        [1e-8, 0],
        [0, 1e-4],
        [1e4, 1e-4],
        [-1, 0],
        [0, -1],
      ]),
      b: [1e-8, 1, 2e4, 0, 0],
      cones: [{ type: "nonneg" as const, dim: 5 }],
    };
    const sol = await solve(problem, which);
    expect(sol.status).toBe("solved");
    expect(sol.iterations).toBeLessThanOrEqual(30);
    expect(sol.primalObjective).toBeCloseTo(-2, 7);
    expect(sol.x[0]).toBeCloseTo(1, 6);
    expect(sol.x[1]! / 1e4).toBeCloseTo(1, 6);
  });

  it("a degenerate LP without strict complementarity (duplicated binding rows)", async () => {
    // x ≥ 0 twice and x ≤ 1: at x = 0 the multipliers of the duplicates are not unique.
    const problem = { q: [1], A: dense([[-1], [-1], [1]]), b: [0, 0, 1], cones: [{ type: "nonneg" as const, dim: 3 }] };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(Math.abs(sol.x[0]!)).toBeLessThan(1e-7);
    expect(sol.y[0]! + sol.y[1]!).toBeCloseTo(1, 7);
  });

  it("a zero cost over a cone: s and y both vanish at the optimum (no strict complementarity)", async () => {
    const problem = { q: [0], A: dense([[-1]]), b: [0], cones: [{ type: "nonneg" as const, dim: 1 }] };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
  });
});
