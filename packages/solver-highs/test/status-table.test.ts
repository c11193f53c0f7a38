import { describe, expect, it } from "vitest";
import type { ConicProblem } from "@useralign/conic";
import { createHighsConicSolver, HIGHS_STATUS_TABLE, loadHighs, type HighsRuntime } from "../src/index.js";

const highs = await loadHighs();

// The mapping, stated once more here so that a change to the table is a visible test change.
const EXPECTED: [number, string, string][] = [
  [0, "notSet", "numerical_error"],
  [1, "loadError", "numerical_error"],
  [2, "modelError", "numerical_error"],
  [3, "presolveError", "numerical_error"],
  [4, "solveError", "numerical_error"],
  [5, "postsolveError", "numerical_error"],
  [6, "empty", "solved"],
  [7, "optimal", "solved"],
  [8, "infeasible", "primal_infeasible"],
  [9, "unboundedOrInfeasible", "retry"],
  [10, "unbounded", "dual_infeasible"],
  [11, "objectiveBound", "insufficient_progress"],
  [12, "objectiveTarget", "insufficient_progress"],
  [13, "timeLimit", "max_time"],
  [14, "iterationLimit", "max_iterations"],
  [15, "unknown", "numerical_error"],
  [16, "solutionLimit", "insufficient_progress"],
  [17, "interrupted", "insufficient_progress"],
];

const LP: ConicProblem = {
  q: [-1, -2, -3],
  A: { rows: [0, 0, 1, 1, 2, 2, 3, 4, 5], cols: [0, 1, 1, 2, 0, 2, 0, 1, 2], vals: [1, 1, 1, 1, 1, 1, -1, -1, -1], shape: [6, 3] },
  b: [4, 5, 6, 0, 0, 0],
  cones: [{ type: "nonneg", dim: 6 }],
};

/** A runtime whose models report the given statuses in turn (HiGHS cannot be made to produce every code). */
function scriptedRuntime(statuses: number[]): HighsRuntime {
  const real = highs;
  return {
    ...real,
    createModel: (source?: Parameters<HighsRuntime["createModel"]>[0]) => {
      const model = real.createModel(source);
      let call = 0;
      return Object.assign(Object.create(Object.getPrototypeOf(model)), model, {
        run: () => {
          call++;
          return model.run();
        },
        getModelStatus: () => statuses[Math.min(call, statuses.length) - 1],
      });
    },
  } as HighsRuntime;
}

describe("HiGHS status table", () => {
  it("covers exactly the codes of the loaded HiGHS, by name", () => {
    const codes = Object.entries(highs.constants.modelStatus).map(([name, code]) => [code, name]);
    expect(Object.entries(HIGHS_STATUS_TABLE).map(([code, e]) => [Number(code), e.name])).toEqual(
      codes.sort((a, b) => (a[0] as number) - (b[0] as number)),
    );
  });

  for (const [code, name, expected] of EXPECTED) {
    it(`${code} ${name} → ${expected}`, async () => {
      const entry = HIGHS_STATUS_TABLE[code]!;
      expect(entry.name).toBe(name);
      expect("retry" in entry.outcome ? "retry" : entry.outcome.status).toBe(expected);
      // Through the adapter, with HiGHS reporting this code:
      const solver = createHighsConicSolver(scriptedRuntime(code === 9 ? [9, 9] : [code]));
      const solution = await solver.solve(LP);
      // LP is feasible and bounded: an infeasibility or unboundedness claim has no certificate to
      // back it, and the adapter refuses it rather than pass a wrong verdict on.
      const refused = expected === "retry" || expected === "primal_infeasible" || expected === "dual_infeasible";
      expect(solution.status).toBe(refused ? "numerical_error" : expected);
    });
  }

  it("9 then a definite answer: the retry without presolve decides", async () => {
    // x ≤ −1 and x ≥ 1: infeasible, so HiGHS's dual ray certifies the scripted verdict.
    const infeasible: ConicProblem = {
      q: [1],
      A: { rows: [0, 1], cols: [0, 0], vals: [1, -1], shape: [2, 1] },
      b: [-1, -1],
      cones: [{ type: "nonneg", dim: 2 }],
    };
    const solution = await createHighsConicSolver(scriptedRuntime([9, 8])).solve(infeasible);
    expect(solution.status).toBe("primal_infeasible");
  });
});

describe('HiGHS\'s run throwing (its "HiGHS status -1")', () => {
  /** A runtime whose first `failures` runs throw as HiGHS does on some degenerate QPs. */
  function throwingRuntime(failures: number): { runtime: HighsRuntime; runs: () => number } {
    let runs = 0;
    const runtime = {
      ...highs,
      createModel: (source?: Parameters<HighsRuntime["createModel"]>[0]) => {
        const model = highs.createModel(source);
        return Object.assign(Object.create(Object.getPrototypeOf(model)), model, {
          run: () => {
            if (++runs <= failures) throw new Error("run failed with HiGHS status -1");
            return model.run();
          },
        });
      },
    } as HighsRuntime;
    return { runtime, runs: () => runs };
  }
  it("is retried once (no presolve, HiGHS's own QP regularization), and the retry's answer is certified", async () => {
    const { runtime, runs } = throwingRuntime(1);
    const solution = await createHighsConicSolver(runtime).solve(LP);
    expect(solution.status).toBe("solved");
    expect(solution.primalObjective).toBeCloseTo(-16, 8);
    expect(runs()).toBe(2);
  });
  it("twice is a numerical_error, not an exception", async () => {
    const { runtime } = throwingRuntime(2);
    const solution = await createHighsConicSolver(runtime).solve(LP);
    expect(solution.status).toBe("numerical_error");
    expect(solution.x.every(Number.isNaN)).toBe(true);
  });
});

describe("statuses HiGHS really produces", () => {
  const solver = createHighsConicSolver(highs);
  it("optimal → solved", async () => {
    expect((await solver.solve(LP)).status).toBe("solved");
  });
  it("infeasible → primal_infeasible", async () => {
    const p: ConicProblem = {
      q: [1],
      A: { rows: [0, 1], cols: [0, 0], vals: [1, -1], shape: [2, 1] },
      b: [-1, -1],
      cones: [{ type: "nonneg", dim: 2 }],
    };
    expect((await solver.solve(p)).status).toBe("primal_infeasible");
  });
  it("unbounded → dual_infeasible", async () => {
    const p: ConicProblem = {
      q: [-1],
      A: { rows: [0], cols: [0], vals: [-1], shape: [1, 1] },
      b: [0],
      cones: [{ type: "nonneg", dim: 1 }],
    };
    expect((await solver.solve(p)).status).toBe("dual_infeasible");
  });
  it("iteration limit → max_iterations", async () => {
    expect((await solver.solve(LP, { iterationLimit: 0 })).status).toBe("max_iterations");
  });
  it("time limit → max_time", async () => {
    expect((await solver.solve(LP, { timeLimit: 0 })).status).toBe("max_time");
  });
});
