import { describe, expect, it } from "vitest";
import { dense, expectDualCertificate, expectKkt, expectPrimalCertificate, solve } from "./helpers.js";

describe.each([0, 1])("exponential cone (solver %i: clarabel, ecos)", (which) => {
  it("max x s.t. exp(x) ≤ 2 is log 2", async () => {
    const problem = { q: [-1], A: dense([[-1], [0], [0]]), b: [0, 1, 2], cones: [{ type: "exp" as const, dim: 3 as const }] };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(sol.x[0]).toBeCloseTo(Math.LN2, 7);
  });

  it("min t s.t. exp(x) ≤ t, x ≥ 1 is e", async () => {
    const problem = {
      q: [0, 1],
      A: dense([
        [-1, 0],
        [0, 0],
        [0, -1],
        [-1, 0],
      ]),
      b: [0, 1, 0, -1],
      cones: [
        { type: "exp" as const, dim: 3 as const },
        { type: "nonneg" as const, dim: 1 },
      ],
    };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(sol.x[1]).toBeCloseTo(Math.E, 7);
  });

  it("min Σ xᵢ log xᵢ on the simplex is −log 3 at the uniform point", async () => {
    // Variables (x₁..x₃, t₁..t₃); (−tᵢ, xᵢ, 1) ∈ K_exp ⇔ xᵢ log xᵢ ≤ tᵢ.
    const rows: number[][] = [[1, 1, 1, 0, 0, 0]];
    const b = [1];
    for (let i = 0; i < 3; i++) {
      const r0 = [0, 0, 0, 0, 0, 0];
      r0[3 + i] = 1;
      const r1 = [0, 0, 0, 0, 0, 0];
      r1[i] = -1;
      rows.push(r0, r1, [0, 0, 0, 0, 0, 0]);
      b.push(0, 0, 1);
    }
    const problem = {
      q: [0, 0, 0, 1, 1, 1],
      A: dense(rows, 6),
      b,
      cones: [{ type: "zero" as const, dim: 1 }, ...[0, 1, 2].map(() => ({ type: "exp" as const, dim: 3 as const }))],
    };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(sol.primalObjective).toBeCloseTo(-Math.log(3), 7);
    // x is flat near the optimum: a 1e-8 objective gap leaves x accurate to about 1e-5.
    for (let i = 0; i < 3; i++) expect(sol.x[i]).toBeCloseTo(1 / 3, 4);
  });

  it("softplus(u) ≤ t ⇔ exp(−t) + exp(u − t) ≤ 1: min t is log(1 + eᵘ)", async () => {
    const u = 0.5;
    // Variables (t, v₁, v₂): (−t, 1, v₁) ∈ K, (u − t, 1, v₂) ∈ K, v₁ + v₂ ≤ 1.
    const problem = {
      q: [1, 0, 0],
      A: dense(
        [
          [1, 0, 0],
          [0, 0, 0],
          [0, -1, 0],
          [1, 0, 0],
          [0, 0, 0],
          [0, 0, -1],
          [0, 1, 1],
        ],
        3,
      ),
      b: [0, 1, 0, u, 1, 0, 1],
      cones: [
        { type: "exp" as const, dim: 3 as const },
        { type: "exp" as const, dim: 3 as const },
        { type: "nonneg" as const, dim: 1 },
      ],
    };
    const sol = await solve(problem, which);
    expectKkt(problem, sol);
    expect(sol.x[0]).toBeCloseTo(Math.log(1 + Math.exp(u)), 7);
  });

  it("exp(x) ≤ t with t ≤ −1 is primal infeasible", async () => {
    const problem = {
      q: [0, 1],
      A: dense([
        [-1, 0],
        [0, 0],
        [0, -1],
        [0, 1],
      ]),
      b: [0, 1, 0, -1],
      cones: [
        { type: "exp" as const, dim: 3 as const },
        { type: "nonneg" as const, dim: 1 },
      ],
    };
    const sol = await solve(problem, which);
    expectPrimalCertificate(problem, sol);
  });

  it("min x s.t. exp(x) ≤ 1 is unbounded", async () => {
    const problem = { q: [1], A: dense([[-1], [0], [0]]), b: [0, 1, 1], cones: [{ type: "exp" as const, dim: 3 as const }] };
    const sol = await solve(problem, which);
    expectDualCertificate(problem, sol);
  });
});
