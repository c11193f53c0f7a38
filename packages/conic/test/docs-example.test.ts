import { expect, it } from "vitest";
import { createClarabelSolver, createDefaultChain, createScsSolver } from "../src/index.js";

// The quick-start examples of docs/conic.md and README.md, verbatim in substance.
it("docs/conic.md quick start: max x s.t. exp(x) ≤ 2 is log 2", async () => {
  const solver = createClarabelSolver();
  const result = await solver.solve({
    q: [-1],
    A: { rows: [0], cols: [0], vals: [-1], shape: [3, 1] },
    b: [0, 1, 2],
    cones: [{ type: "exp", dim: 3 }],
  });
  expect(result.status).toBe("solved");
  expect(result.x[0]).toBeCloseTo(Math.LN2, 7);
  expect(result.solver).toBe("clarabel");
});

it("README: the default chain with scs projects (1, 3) onto the simplex", async () => {
  const chain = createDefaultChain({ scs: createScsSolver() });
  const result = await chain.solve({
    P: { rows: [0, 1], cols: [0, 1], vals: [1, 1], shape: [2, 2] },
    q: [-1, -3],
    A: { rows: [0, 0, 1, 2], cols: [0, 1, 0, 1], vals: [1, 1, -1, -1], shape: [3, 2] },
    b: [1, 0, 0],
    cones: [
      { type: "zero", dim: 1 },
      { type: "nonneg", dim: 2 },
    ],
  });
  expect(result.status).toBe("solved");
  expect(result.primalObjective).toBeCloseTo(-2.5, 7);
  expect(result.x[1]).toBeCloseTo(1, 7);
  expect(result.solver).toBe("clarabel");
});

it("docs/conic.md test problems: a seeded random problem solves to its known optimum", async () => {
  const { randomProblem } = await import("../src/testing/index.js");
  const { problem, objective } = randomProblem(7, true);
  const solution = await createClarabelSolver().solve(problem);
  expect(solution.status).toBe("solved");
  expect(Math.abs(solution.primalObjective - objective)).toBeLessThan(1e-6 * Math.max(1, Math.abs(objective)));
});
