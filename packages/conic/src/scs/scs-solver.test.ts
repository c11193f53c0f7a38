import { describe, expect, it } from "vitest";
import { ConicInputError } from "../input/errors.js";
import { createScsSolver } from "./scs-solver.js";

const lp = {
  q: [-1],
  A: { rows: [0], cols: [0], vals: [1], shape: [1, 1] as [number, number] },
  b: [2],
  cones: [{ type: "nonneg" as const, dim: 1 }],
};

describe("scs solver", () => {
  it("solves min −x s.t. x ≤ 2 and reports its name, iterations and a time from the injected clock", () => {
    let clock = 0;
    const solver = createScsSolver({ now: () => (clock += 1) });
    const sol = solver.solve(lp);
    expect(sol.status).toBe("solved");
    expect(sol.x[0]).toBeCloseTo(2, 5);
    expect(sol.y[0]).toBeCloseTo(1, 5);
    expect(sol.solver).toBe("scs");
    expect(sol.iterations).toBeGreaterThan(0);
    expect(sol.solveTimeMs).toBeGreaterThan(0);
  });

  it("stops at the iteration limit with status max_iterations", () => {
    const sol = createScsSolver().solve(lp, { maxIter: 3, checkInterval: 1 });
    expect(sol.status).toBe("max_iterations");
    expect(sol.iterations).toBe(3);
  });

  it("rejects bad settings and bad data with ConicInputError before iterating", () => {
    expect(() => createScsSolver().solve(lp, { alpha: 2 })).toThrow(ConicInputError);
    expect(() => createScsSolver({ settings: { epsAbs: -1 } })).toThrow(/epsAbs/);
    expect(() => createScsSolver().solve({ ...lp, b: [NaN] })).toThrow(ConicInputError);
  });
});
