import { describe, expect, it } from "vitest";
import { createChainSolver, createDefaultChain } from "../src/chain.js";
import { ConicInputError } from "../src/input/errors.js";
import type { ConeType, ConicProblem } from "../src/problem.js";
import type { ConicSolution } from "../src/solution.js";
import type { ConicSolver } from "../src/solver.js";
import type { SolverStatus } from "../src/status.js";
import { dense } from "./helpers.js";

const lp: ConicProblem = { q: [1], A: dense([[-1]]), b: [-1], cones: [{ type: "nonneg", dim: 1 }] };

/** A scripted member: returns the given status, records that it ran. */
function scripted(
  name: string,
  status: SolverStatus | "throw" | "input-error",
  calls: string[],
  cones: ConeType[] = ["zero", "nonneg", "soc", "exp"],
): ConicSolver {
  return {
    name,
    supportedCones: new Set(cones),
    supportsQuadratic: true,
    solve(): ConicSolution {
      calls.push(name);
      if (status === "throw") throw new Error(`${name} crashed`);
      if (status === "input-error") throw new ConicInputError([{ code: "non_finite", path: ["q", 0], message: "must be finite" }]);
      const v = new Float64Array(1);
      return {
        status,
        x: v,
        y: v,
        s: v,
        primalObjective: 0,
        dualObjective: 0,
        primalResidual: 0,
        dualResidual: 0,
        iterations: 1,
        solveTimeMs: 0,
        solver: name,
      };
    },
  };
}

describe("fallback chain", () => {
  it("retries only on errored statuses and reports which member answered", async () => {
    const calls: string[] = [];
    const chain = createChainSolver([
      scripted("a", "numerical_error", calls),
      scripted("b", "max_iterations", calls),
      scripted("c", "solved", calls),
      scripted("d", "solved", calls),
    ]);
    const result = await chain.solve(lp);
    expect(calls).toEqual(["a", "b", "c"]);
    expect(result.solver).toBe("c");
    expect(chain.name).toBe("chain");
  });

  it("does not retry an infeasibility answer", async () => {
    const calls: string[] = [];
    const chain = createChainSolver([scripted("a", "primal_infeasible", calls), scripted("b", "solved", calls)]);
    expect((await chain.solve(lp)).status).toBe("primal_infeasible");
    expect(calls).toEqual(["a"]);
  });

  it("skips members without the problem's cones; a crash moves on; input errors are rethrown", async () => {
    const calls: string[] = [];
    const chain = createChainSolver([
      scripted("lp-only", "solved", calls, ["nonneg"]),
      scripted("crash", "throw", calls),
      scripted("ok", "solved", calls),
    ]);
    const soc: ConicProblem = {
      q: [1, 0],
      A: dense([
        [-1, 0],
        [0, -1],
      ]),
      b: [0, 0],
      cones: [{ type: "soc", dim: 2 }],
    };
    expect((await chain.solve(soc)).solver).toBe("ok");
    expect(calls).toEqual(["crash", "ok"]);
    await expect(createChainSolver([scripted("bad", "input-error", []), scripted("never", "solved", calls)]).solve(lp)).rejects.toThrow(
      ConicInputError,
    );
  });

  it("checks the problem first, and names what no member supports", async () => {
    const calls: string[] = [];
    const chain = createChainSolver([scripted("lp-only", "solved", calls, ["nonneg"])]);
    await expect(chain.solve({ ...lp, cones: [{ type: "psd" as never, dim: 1 }] })).rejects.toMatchObject({ code: "unknown_cone" });
    const soc: ConicProblem = {
      q: [1, 0],
      A: dense([
        [-1, 0],
        [0, -1],
      ]),
      b: [0, 0],
      cones: [{ type: "soc", dim: 2 }],
    };
    await expect(chain.solve(soc)).rejects.toMatchObject({ code: "unsupported_problem", message: expect.stringMatching(/cones: soc/) });
    expect(calls).toEqual([]);
  });

  it("retries an almost_* infeasibility verdict, and returns it only when no later member answers", async () => {
    for (const almost of ["almost_primal_infeasible", "almost_dual_infeasible"] as const) {
      const calls: string[] = [];
      const solved = await createChainSolver([scripted("a", almost, calls), scripted("b", "solved", calls)]).solve(lp);
      expect([solved.status, solved.solver]).toEqual(["solved", "b"]);
      expect(calls).toEqual(["a", "b"]);
      const kept = await createChainSolver([
        scripted("a", almost, []),
        scripted("b", "numerical_error", []),
        scripted("c", "max_iterations", []),
      ]).solve(lp);
      expect([kept.status, kept.solver]).toEqual([almost, "a"]);
      // A later almost verdict does not replace the first one.
      const first = await createChainSolver([scripted("a", almost, []), scripted("b", "almost_primal_infeasible", [])]).solve(lp);
      expect(first.solver).toBe("a");
    }
  });

  it("returns an almost_solved answer at once", async () => {
    const calls: string[] = [];
    expect((await createChainSolver([scripted("a", "almost_solved", calls), scripted("b", "solved", calls)]).solve(lp)).status).toBe(
      "almost_solved",
    );
    expect(calls).toEqual(["a"]);
  });

  it("returns the last errored result when every member fails", async () => {
    const chain = createChainSolver([scripted("a", "numerical_error", []), scripted("b", "max_time", [])]);
    const result = await chain.solve(lp);
    expect(result.status).toBe("max_time");
    expect(result.solver).toBe("b");
  });

  it("the default chain answers with clarabel, and falls to ecos when clarabel runs out of iterations", async () => {
    const chain = createDefaultChain();
    expect((await chain.solve(lp, { clarabel: { kernels: "ts" }, ecos: { kernels: "ts" } })).solver).toBe("clarabel");
    const exp: ConicProblem = { q: [-1], A: dense([[-1], [0], [0]]), b: [0, 1, 2], cones: [{ type: "exp", dim: 3 }] };
    const result = await chain.solve(exp, { clarabel: { maxIter: 1, kernels: "ts" }, ecos: { kernels: "ts" } });
    expect(result.status).toBe("solved");
    expect(result.solver).toBe("ecos");
    expect(result.x[0]).toBeCloseTo(Math.LN2, 7);
  });
});
