import { describe, expect, it } from "vitest";
import { dense, expectDualCertificate, expectKkt, expectPrimalCertificate, solve } from "./helpers.js";

describe.each([0, 1])("LP (solver %i: clarabel, ecos)", (which) => {
  it("min x s.t. x ≥ 1 has x = 1", async () => {
    const problem = { q: [1], A: dense([[-1]]), b: [-1], cones: [{ type: "nonneg" as const, dim: 1 }] };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(sol.x[0]).toBeCloseTo(1, 7);
    expect(sol.y[0]).toBeCloseTo(1, 7);
  });

  it("a 2-variable LP at a vertex: x = (8/5, 6/5), objective −14/5", async () => {
    const problem = {
      q: [-1, -1],
      A: dense([
        [1, 2],
        [3, 1],
        [-1, 0],
        [0, -1],
      ]),
      b: [4, 6, 0, 0],
      cones: [{ type: "nonneg" as const, dim: 4 }],
    };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(sol.x[0]).toBeCloseTo(8 / 5, 7);
    expect(sol.x[1]).toBeCloseTo(6 / 5, 7);
    expect(sol.primalObjective).toBeCloseTo(-14 / 5, 7);
    expect(sol.dualObjective).toBeCloseTo(-14 / 5, 7);
  });

  it("an equality-constrained LP on the simplex picks the cheapest vertex", async () => {
    const problem = {
      q: [1, 2, 3],
      A: dense([
        [1, 1, 1],
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, -1],
      ]),
      b: [1, 0, 0, 0],
      cones: [
        { type: "zero" as const, dim: 1 },
        { type: "nonneg" as const, dim: 3 },
      ],
    };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    [1, 0, 0].forEach((v, i) => expect(sol.x[i]).toBeCloseTo(v, 6));
    expect(sol.primalObjective).toBeCloseTo(1, 7);
  });

  it("x ≥ 1 and x ≤ 0 is primal infeasible with a certificate", async () => {
    const problem = { q: [1], A: dense([[-1], [1]]), b: [-1, 0], cones: [{ type: "nonneg" as const, dim: 2 }] };
    const sol = await solve(problem, which);
    expectPrimalCertificate(problem, sol);
    expect(Number.isNaN(sol.x[0])).toBe(true);
  });

  it("min −x s.t. x ≥ 0 is dual infeasible (unbounded) with a certificate", async () => {
    const problem = {
      q: [-1, 0],
      A: dense([
        [-1, 0],
        [0, -1],
      ]),
      b: [0, 1],
      cones: [{ type: "nonneg" as const, dim: 2 }],
    };
    const sol = await solve(problem, which);
    expectDualCertificate(problem, sol);
    expect(sol.x[0]).toBeCloseTo(1, 6);
  });
});
