import { describe, expect, it } from "vitest";
import { dense, expectDualCertificate, expectKkt, expectPrimalCertificate, solve } from "./helpers.js";

describe.each([0, 1])("SOCP (solver %i: clarabel, ecos)", (which) => {
  it("distance from a = (1, 1) to the line x₁ + x₂ = 0 is √2", async () => {
    // Variables (t, x₁, x₂): (t, x₁ − 1, x₂ − 1) ∈ SOC, x₁ + x₂ = 0.
    const problem = {
      q: [1, 0, 0],
      A: dense([
        [0, 1, 1],
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, -1],
      ]),
      b: [0, 0, -1, -1],
      cones: [
        { type: "zero" as const, dim: 1 },
        { type: "soc" as const, dim: 3 },
      ],
    };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(sol.x[0]).toBeCloseTo(Math.SQRT2, 7);
    expect(sol.x[1]).toBeCloseTo(0, 7);
    expect(sol.x[2]).toBeCloseTo(0, 7);
  });

  it("min x₁ + x₂ over the unit disc is −√2", async () => {
    const problem = {
      q: [1, 1],
      A: dense([
        [0, 0],
        [1, 0],
        [0, 1],
      ]),
      b: [1, 0, 0],
      cones: [{ type: "soc" as const, dim: 3 }],
    };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(sol.primalObjective).toBeCloseTo(-Math.SQRT2, 7);
    expect(sol.x[0]).toBeCloseTo(-Math.SQRT1_2, 7);
  });

  it("an optimum at the cone's apex: min t s.t. ‖x‖ ≤ t", async () => {
    const problem = {
      q: [1, 0, 0],
      A: dense([
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, -1],
      ]),
      b: [0, 0, 0],
      cones: [{ type: "soc" as const, dim: 3 }],
    };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    for (const v of sol.x) expect(Math.abs(v)).toBeLessThan(1e-7);
    expect(sol.y[0]).toBeCloseTo(1, 6);
  });

  it("‖x‖ ≤ t with t ≤ −1 is primal infeasible", async () => {
    const problem = {
      q: [1, 0],
      A: dense([
        [-1, 0],
        [0, -1],
        [1, 0],
      ]),
      b: [0, 0, -1],
      cones: [
        { type: "soc" as const, dim: 2 },
        { type: "nonneg" as const, dim: 1 },
      ],
    };
    const sol = await solve(problem, which);
    expectPrimalCertificate(problem, sol);
  });

  it("min x₁ s.t. ‖x₁‖ ≤ t (t free) is unbounded", async () => {
    const problem = {
      q: [0, 1],
      A: dense([
        [-1, 0],
        [0, -1],
      ]),
      b: [0, 0],
      cones: [{ type: "soc" as const, dim: 2 }],
    };
    const sol = await solve(problem, which);
    expectDualCertificate(problem, sol);
  });
});
