import { createClarabelSolver, createDefaultChain, type ConicSolution, type ConicSolver, type SolverStatus } from "@useralign/conic";
import { qpStressSet } from "@useralign/conic/testing";
import { describe, expect, it } from "vitest";
import { classify, qpStressMarkdown, runQpStress } from "./qp-stress.js";

/** A solver that answers every problem with a fixed status and zero vectors (to exercise the classification). */
function fixed(status: SolverStatus): ConicSolver {
  return {
    name: `fixed-${status}`,
    supportedCones: new Set(["zero", "nonneg", "soc", "exp"]),
    supportsQuadratic: true,
    solve: (p): ConicSolution => {
      const n = new Float64Array(p.q.length);
      const m = new Float64Array(p.b.length);
      return {
        status,
        x: n,
        y: m,
        s: m,
        primalObjective: 0,
        dualObjective: 0,
        primalResidual: 0,
        dualResidual: 0,
        iterations: 1,
        solveTimeMs: 0,
        solver: `fixed-${status}`,
      };
    },
  };
}

describe("QP stress report", () => {
  const tiny = qpStressSet("tiny", [1]);
  const free = tiny.filter(
    (p) => p.stopAfter === undefined && (p.name.startsWith("free-pair-unbounded tiny") || p.name.startsWith("statistics n=")),
  );

  it("classifies the tiny set: clarabel correct everywhere; a made-up verdict is wrong, failed or inaccurate", async () => {
    const records = await runQpStress(
      free,
      [createClarabelSolver(), fixed("dual_infeasible"), fixed("max_iterations"), fixed("solved")],
      undefined,
      () => 0,
    );
    const by = (solver: string) => records.filter((r) => r.solver === solver).map((r) => [r.problem.split(" ")[0], r.outcome]);
    expect(by("clarabel")).toEqual([
      ["statistics", "correct"],
      ["free-pair-unbounded", "correct"],
    ]);
    // Unbounded for a problem with a solution is wrong; for the unbounded one the zero certificate fails its checks.
    expect(by("fixed-dual_infeasible")).toEqual([
      ["statistics", "wrong"],
      ["free-pair-unbounded", "inaccurate"],
    ]);
    expect(by("fixed-max_iterations").map(([, o]) => o)).toEqual(["failed", "failed"]);
    expect(by("fixed-solved")).toEqual([
      ["statistics", "inaccurate"],
      ["free-pair-unbounded", "wrong"],
    ]);
    const statistics = records.find((r) => r.solver === "clarabel" && r.family === "statistics")!;
    expect(statistics.objectiveError).toBeLessThan(1e-8);
    const md = qpStressMarkdown(records);
    expect(md).toMatch(/\| clarabel \| 2 \| 0 \| 0 \| 0 \| 0 \| solved 1, dual_infeasible 1 \|/);
    expect(md).toMatch(/\*\*wrong\*\*/);
    expect(md).toMatch(/Failed checks and errors:/);
  }, 60_000);

  it("a run stopped after 3 iterations is right to say max_iterations; the chain must answer", async () => {
    const stopped = tiny.filter((p) => p.stopAfter !== undefined);
    expect(stopped.map((p) => p.name)).toEqual(["statistics n=40 seed=1 stopped after 3"]);
    const records = await runQpStress(stopped, [createClarabelSolver(), createDefaultChain(), fixed("solved")], undefined, () => 0);
    expect(records.map((r) => [r.solver, r.status, r.outcome])).toEqual([
      ["clarabel", "max_iterations", "correct"],
      ["chain", "solved", "correct"],
    ]);
    expect(records[1]!.answeredBy).toBe("ecos");
  }, 60_000);

  it("records a solver that throws as failed, with its message", async () => {
    const throws: ConicSolver = { ...fixed("solved"), name: "throws", solve: () => Promise.reject(new Error("run failed with status -1")) };
    const [r] = await runQpStress(free.slice(0, 1), [throws], undefined, () => 0);
    expect([r!.status, r!.outcome, r!.failure]).toEqual(["threw", "failed", "run failed with status -1"]);
  });

  it("calls an almost_ form of the expected status almost, and any errored status failed", () => {
    const p = tiny[0]!;
    expect(classify(p, "almost_solved", [])).toBe("almost");
    expect(classify(p, "almost_dual_infeasible", [])).toBe("wrong");
    expect(classify(p, "insufficient_progress", [])).toBe("failed");
    expect(classify(p, "solved", ["gap"])).toBe("inaccurate");
  });
});
