import { describe, expect, it } from "vitest";
import { createDefaultChain } from "../src/chain.js";
import type { ConicProblem } from "../src/problem.js";
import { isInfeasible } from "../src/status.js";
import { qpStressSet, statisticsQp, unboundedFreePairQp } from "../src/testing/index.js";
import { expectDualCertificate, expectKkt, expectPrimalCertificate, solve } from "./helpers.js";

// Issue 17: infeasibility verdicts must never be wrong. Each test here failed before the fix.

describe.each([0, 1])("infeasibility verdicts (solver %i: clarabel, ecos)", (which) => {
  it("a run stopped near the optimum of a large-objective QP is not called unbounded", async () => {
    // The STADAT-like statistics QP (optimum −2.85e7) stopped after 7 iterations: before the κ/τ guard
    // the reduced-tolerance test read x/(−qᵀx) — a scaled-down near-optimal point — as a certificate
    // and both configurations returned `almost_dual_infeasible` on every stop from 3 to 7 iterations.
    const { problem } = statisticsQp(1, 200);
    const sol = await solve(problem, which, { maxIter: 7 });
    expect(isInfeasible(sol.status), sol.status).toBe(false);
    expect(sol.status).toBe("max_iterations");
  }, 60_000);

  it.each([
    [
      "min ½x₁² − x₂, x₁ = 1, x₂ free",
      {
        P: { rows: [0, 1], cols: [0, 1], vals: [1, 0], shape: [2, 2] },
        q: [0, -1],
        A: { rows: [0], cols: [0], vals: [1], shape: [1, 2] },
        b: [1],
        cones: [{ type: "zero", dim: 1 }],
      },
    ],
    [
      "min x₁² + x₁ + x₂, x₁ = 1, x₂ free",
      {
        P: { rows: [0, 1], cols: [0, 1], vals: [2, 0], shape: [2, 2] },
        q: [1, 1],
        A: { rows: [0], cols: [0], vals: [1], shape: [1, 2] },
        b: [1],
        cones: [{ type: "zero", dim: 1 }],
      },
    ],
    [
      "min ½x₁² + ½x₃² + x₁ − x₂, x₁ = x₃, x₁ = 1",
      {
        P: { rows: [0, 1, 2], cols: [0, 1, 2], vals: [1, 0, 1], shape: [3, 3] },
        q: [1, -1, 0],
        A: { rows: [0, 0, 1], cols: [0, 2, 0], vals: [1, -1, 1], shape: [2, 3] },
        b: [0, 1],
        cones: [{ type: "zero", dim: 2 }],
      },
    ],
  ] as [string, ConicProblem][])(
    "equality QP with an explicit zero on P's diagonal (%s) is dual_infeasible at full accuracy",
    async (_name, problem) => {
      // Before: `almost_dual_infeasible` (the regularization's 1e-8..7e-8 left in x₁) or, with the guard
      // alone, `insufficient_progress` — the Δτ denominator did not see the ray held by the regularization.
      expectDualCertificate(problem, await solve(problem, which), 1e-8);
    },
  );

  it("the free pair on top of a least-squares QP is dual_infeasible", async () => {
    // Before: `almost_dual_infeasible` after 3 iterations for both; with the guard alone `ecos` hit the iteration limit.
    const problem = unboundedFreePairQp(2, 10, 20);
    expectDualCertificate(problem, await solve(problem, which), 1e-8);
  });
});

describe("the chain retries an almost_* infeasibility verdict", () => {
  it("solves the statistics QP with ecos when clarabel stops early", async () => {
    const { problem, objective } = statisticsQp(1, 200);
    const sol = await createDefaultChain().solve(problem, { clarabel: { maxIter: 7, kernels: "ts" }, ecos: { kernels: "ts" } });
    expect([sol.status, sol.solver]).toEqual(["solved", "ecos"]);
    expect(Math.abs(sol.primalObjective - objective)).toBeLessThan(1e-8 * Math.abs(objective));
  }, 60_000);
});

describe("the QP stress set, tiny scale", () => {
  const set = qpStressSet("tiny", [1, 2]).filter((p) => p.stopAfter === undefined);
  it("covers every family", () => {
    expect(new Set(set.map((p) => p.family))).toEqual(
      new Set(["least-squares", "statistics", "optimal-control", "degenerate", "badly-scaled", "primal-infeasible", "dual-infeasible"]),
    );
  });
  describe.each([0, 1])("solver %i (clarabel, ecos)", (which) => {
    it.each(set.map((p) => [p.name, p] as const))(
      "%s",
      async (_name, p) => {
        const sol = await solve(p.problem, which);
        if (p.expected.status === "solved") {
          expectKkt(p.problem, sol);
          expect(Math.abs(sol.primalObjective - p.expected.objective)).toBeLessThan(1e-6 * (1 + Math.abs(p.expected.objective)));
        } else if (p.expected.status === "primal_infeasible") expectPrimalCertificate(p.problem, sol);
        else expectDualCertificate(p.problem, sol);
      },
      30_000,
    );
  });
});
