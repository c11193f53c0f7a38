import { describe, expect, it } from "vitest";
import { dense, expectDualCertificate, expectKkt, expectPrimalCertificate, solve } from "./helpers.js";

const identity3 = { rows: [0, 1, 2], cols: [0, 1, 2], vals: [1, 1, 1], shape: [3, 3] as const };

describe.each([0, 1])("QP (solver %i: clarabel, ecos)", (which) => {
  it("projection onto the orthant: x = max(a, 0)", async () => {
    const a = [1, -2, 3];
    const problem = {
      P: identity3,
      q: a.map((v) => -v),
      A: dense([
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, -1],
      ]),
      b: [0, 0, 0],
      cones: [{ type: "nonneg" as const, dim: 3 }],
    };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    a.forEach((v, i) => expect(sol.x[i]).toBeCloseTo(Math.max(v, 0), 7));
  });

  it("projection onto the probability simplex", async () => {
    const a = [0.5, 0.2, -0.1];
    const theta = -0.4 / 3;
    const problem = {
      P: identity3,
      q: a.map((v) => -v),
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
    a.forEach((v, i) => expect(sol.x[i]).toBeCloseTo(v - theta, 6));
  });

  it("a QP with infeasible constraints is primal infeasible", async () => {
    const problem = {
      P: identity3,
      q: [0, 0, 0],
      A: dense([
        [1, 1, 0],
        [-1, -1, 0],
      ]),
      b: [-1, -1],
      cones: [{ type: "nonneg" as const, dim: 2 }],
    };
    const sol = await solve(problem, which);
    expectPrimalCertificate(problem, sol);
  });

  it("min ½x₁² − x₂ s.t. x₂ ≥ 0 is unbounded along (0, 1)", async () => {
    const problem = {
      P: { rows: [0], cols: [0], vals: [1], shape: [2, 2] as const },
      q: [0, -1],
      A: dense([[0, -1]]),
      b: [0],
      cones: [{ type: "nonneg" as const, dim: 1 }],
    };
    const sol = await solve(problem, which);
    expectDualCertificate(problem, sol);
    expect(sol.x[1]).toBeCloseTo(1, 6);
    expect(Math.abs(sol.x[0]!)).toBeLessThan(1e-6);
  });
});
