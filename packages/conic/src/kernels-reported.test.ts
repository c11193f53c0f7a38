import { describe, expect, it, vi } from "vitest";
import { createClarabelSolver, createEcosSolver } from "./ipm-solvers.js";

// Lets one test make compiling the WebAssembly kernels fail, as a page whose CSP lacks 'wasm-unsafe-eval' does.
const failCompile = vi.hoisted(() => ({ on: false }));
vi.mock("./kernels/wasm-module.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("./kernels/wasm-module.js")>();
  return {
    ...original,
    compileKernels: () =>
      failCompile.on ? Promise.reject(new Error("CompileError: WebAssembly.compile() blocked by CSP")) : original.compileKernels(),
  };
});

const lp = {
  q: [1],
  A: { rows: [0], cols: [0], vals: [-1], shape: [1, 1] as [number, number] },
  b: [-2],
  cones: [{ type: "nonneg" as const, dim: 1 }],
};

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

describe("the default factory's engine", () => {
  // Counts wasm instances: an engine is one instance plus one per cone-batch factory it uses.
  // The package's lib has no WebAssembly types (see wasm-module.ts); this is all the test needs.
  type InstanceConstructor = new (module: unknown, imports?: unknown) => unknown;
  const wasmGlobal = (globalThis as unknown as { WebAssembly: { Instance: InstanceConstructor } }).WebAssembly;

  async function instancesPerSolve(options: Parameters<typeof createClarabelSolver>[0], solves: number): Promise<number[]> {
    const Original = wasmGlobal.Instance;
    let created = 0;
    const Counting = function (module: unknown, imports?: unknown) {
      created++;
      return new Original(module, imports);
    } as unknown as InstanceConstructor;
    wasmGlobal.Instance = Counting;
    try {
      const solver = createClarabelSolver(options);
      const counts: number[] = [];
      for (let k = 0; k < solves; k++) {
        const before = created;
        expect((await solver.solve(lp)).status).toBe("solved");
        counts.push(created - before);
      }
      return counts;
    } finally {
      wasmGlobal.Instance = Original;
    }
  }

  it("is kept from solve to solve, and replaced once its memory passes retainEngineBytes", async () => {
    const kept = await instancesPerSolve({}, 3);
    expect(kept[0]).toBeGreaterThan(0);
    expect(kept.slice(1)).toEqual([0, 0]);
    const replaced = await instancesPerSolve({ retainEngineBytes: 0 }, 3);
    expect(replaced).toEqual([kept[0], kept[0], kept[0]]);
  });
});
