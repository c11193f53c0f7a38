import { describe, expect, it, vi } from "vitest";
import { createClarabelSolver, createEcosSolver } from "./ipm-solvers.js";

// Lets one test make compiling the WebAssembly kernels fail, as a page whose CSP lacks 'wasm-unsafe-eval' does.
const failCompile = vi.hoisted(() => ({ on: false }));
vi.mock("./kernels/wasm-module.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("./kernels/wasm-module.js")>();
  return {
    ...original,
    compileKernels: () => (failCompile.on ? Promise.reject(new Error("CompileError: WebAssembly.compile() blocked by CSP")) : original.compileKernels()),
  };
});

const lp = { q: [1], A: { rows: [0], cols: [0], vals: [-1], shape: [1, 1] as [number, number] }, b: [-2], cones: [{ type: "nonneg" as const, dim: 1 }] };

describe("the solution says which kernels ran", () => {
  it("reports wasm by default and ts when asked", async () => {
    for (const solver of [createClarabelSolver(), createEcosSolver()]) {
      expect((await solver.solve(lp)).kernels).toBe("wasm");
      expect((await solver.solve(lp, { kernels: "ts" })).kernels).toBe("ts");
    }
  });

  it("reports ts when the WebAssembly kernels could not be compiled (the fallback is visible)", async () => {
    failCompile.on = true;
    try {
      const solution = await createClarabelSolver().solve(lp, { kernels: "wasm" });
      expect(solution.status).toBe("solved");
      expect(solution.x[0]).toBeCloseTo(2, 7);
      expect(solution.kernels).toBe("ts");
    } finally {
      failCompile.on = false;
    }
  });
});
