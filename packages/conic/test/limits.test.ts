import { describe, expect, it } from "vitest";
import { createClarabelSolver, createEcosSolver } from "../src/ipm-solvers.js";
import type { IterationInfo } from "../src/ipm/ipm-solver.js";
import type { KernelKind } from "../src/kernels/kernel.js";
import { createLdlEngine } from "../src/kernels/create-engine.js";
import { dense } from "./helpers.js";

const socp = {
  q: [1, 1],
  A: dense([
    [0, 0],
    [1, 0],
    [0, 1],
  ]),
  b: [1, 0, 0],
  cones: [{ type: "soc" as const, dim: 3 }],
};

describe("limits and seams", () => {
  it("the time limit is measured on the injected clock: max_time", async () => {
    let now = 0;
    const solver = createClarabelSolver({ clock: () => (now += 400) });
    const sol = await solver.solve(socp, { timeLimit: 1, kernels: "ts" });
    expect(sol.status).toBe("max_time");
    expect(sol.iterations).toBeLessThan(3);
    expect(sol.solveTimeMs).toBeGreaterThan(1000);
  });

  it("the iteration limit gives max_iterations with the best iterate so far", async () => {
    const sol = await createEcosSolver().solve(socp, { maxIter: 2, kernels: "ts" });
    expect(sol.status).toBe("max_iterations");
    expect(sol.iterations).toBe(2);
    expect(sol.x.every(Number.isFinite)).toBe(true);
  });

  it("reports every iteration, with μ shrinking to the solution", async () => {
    const seen: IterationInfo[] = [];
    const sol = await createClarabelSolver({ onIteration: (i) => seen.push(i) }).solve(socp, { kernels: "ts" });
    expect(sol.status).toBe("solved");
    expect(seen.map((i) => i.iteration)).toEqual(Array.from({ length: sol.iterations + 1 }, (_, k) => k));
    expect(seen.at(-1)!.mu).toBeLessThan(seen[0]!.mu * 1e-6);
  });

  it("uses the kernels the settings name (the WASM engine by default)", async () => {
    const asked: KernelKind[] = [];
    const solver = createClarabelSolver({
      createEngine: (kind) => {
        asked.push(kind);
        return createLdlEngine(kind);
      },
    });
    await solver.solve(socp);
    await solver.solve(socp, { kernels: "ts" });
    expect(asked).toEqual(["wasm", "ts"]);
    expect((await createLdlEngine("wasm")).kind).toBe("wasm");
  });

  it("equilibration off gives the same answer", async () => {
    const on = await createClarabelSolver().solve(socp, { kernels: "ts" });
    const off = await createClarabelSolver().solve(socp, { kernels: "ts", equilibrate: false });
    expect(off.status).toBe("solved");
    expect(off.primalObjective).toBeCloseTo(on.primalObjective, 8);
  });
});
