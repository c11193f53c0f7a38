import { describe, expect, it } from "vitest";
import { createClarabelSolver } from "./ipm-solvers.js";
import { loadSyncIpmSolver } from "./sync-ipm.js";

const socp = {
  q: [-1, -1],
  A: { rows: [1, 2], cols: [0, 1], vals: [-1, -1], shape: [3, 2] as [number, number] },
  b: [1, 0, 0],
  cones: [{ type: "soc" as const, dim: 3 }],
};

describe("synchronous interior-point solver", () => {
  for (const kind of ["ts", "wasm"] as const) {
    it(`returns (not a promise) the same answer as the async clarabel solver (${kind} kernels), solve after solve`, async () => {
      const solver = await loadSyncIpmSolver(kind);
      const reference = await createClarabelSolver().solve(socp, { kernels: kind });
      for (let k = 0; k < 2; k++) {
        const sol = solver.solve(socp);
        expect(sol).not.toBeInstanceOf(Promise);
        expect(sol.status).toBe("solved");
        expect(sol.solver).toBe("clarabel");
        expect(sol.kernels).toBe(kind);
        expect(reference.kernels).toBe(kind);
        expect(Math.max(...Array.from(sol.x, (v, i) => Math.abs(v - reference.x[i]!)))).toBeLessThan(1e-12);
      }
      // a problem of another shape on the same engine
      const lp = solver.solve({
        q: [1],
        A: { rows: [0], cols: [0], vals: [-1], shape: [1, 1] },
        b: [-2],
        cones: [{ type: "nonneg", dim: 1 }],
      });
      expect(lp.x[0]).toBeCloseTo(2, 7);
    });
  }
});
