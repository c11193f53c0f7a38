import { createClarabelSolver } from "@useralign/conic";
import { describe, expect, it } from "vitest";
import { conicBenchMarkdown, conicBenchProblems, type ConicBenchRow } from "./conic-bench.js";
import { confidenceSetConic, singleLargeSoc, sparseLp, sparseSocp } from "./conic-problems.js";

const solver = createClarabelSolver();

describe("conic benchmark problems", () => {
  it("lists every conformance case, the 18 UserAlign shapes and the large problems", () => {
    const quick = conicBenchProblems(true);
    expect(quick.filter((p) => p.group === "useralign")).toHaveLength(18);
    expect(quick.filter((p) => p.group === "large")).toHaveLength(0);
    expect(quick.filter((p) => p.group === "conformance").length).toBeGreaterThanOrEqual(30);
    expect(conicBenchProblems(false).filter((p) => p.group === "large").length).toBeGreaterThan(0);
  });

  it("builds UserAlign problems that solve, with the loss constraint binding or slack", async () => {
    for (const loss of ["binding", "slack"] as const) {
      const problem = confidenceSetConic({ d: 3, t: 8, loss, seed: 7 });
      expect(problem.cones.filter((c) => c.type === "exp")).toHaveLength(16);
      const ts = await solver.solve(problem, { kernels: "ts" });
      const wasm = await solver.solve(problem, { kernels: "wasm" });
      expect(ts.status).toBe("solved");
      expect(wasm.iterations).toBe(ts.iterations);
      for (let j = 0; j < ts.x.length; j++) expect(Math.abs(ts.x[j]! - wasm.x[j]!)).toBeLessThan(1e-9);
      // The loss row Σv ≤ τ is the last nonnegative row: its slack is ~0 when binding.
      const lossRow = problem.cones.slice(0, 2).reduce((sum, c) => sum + c.dim, 0) - 1;
      if (loss === "binding") expect(ts.s[lossRow]!).toBeLessThan(1e-6);
      else expect(ts.s[lossRow]!).toBeGreaterThan(1);
    }
  });

  it("builds feasible, bounded sparse LPs and SOCPs", async () => {
    const lp = await solver.solve(sparseLp(60, 40, 4, 1, 5), {});
    expect(lp.status).toBe("solved");
    for (const x of lp.x) expect(x).toBeGreaterThan(-1e-7), expect(x).toBeLessThan(1 + 1e-7);
    const socp = await solver.solve(sparseSocp(60, 10, 4, 3, 2, 5), {});
    expect(socp.status).toBe("solved");
    // x = 0 is feasible, so the optimum is at most 0.
    expect(socp.primalObjective).toBeLessThan(1e-8);
  });

  it("builds the single large SOC problem with its closed-form optimum", async () => {
    const n = 40;
    const sol = await solver.solve(singleLargeSoc(n), {});
    expect(sol.status).toBe("solved");
    const c = Array.from({ length: n }, (_, i) => Math.sin(i));
    const shift = (1 - c.reduce((a, b) => a + b, 0)) / n;
    expect(sol.x[0]).toBeCloseTo(Math.sqrt(n) * Math.abs(shift), 7);
    c.forEach((v, i) => expect(sol.x[1 + i]).toBeCloseTo(v + shift, 7));
  });

  it("renders rows and per-group summaries as Markdown", () => {
    const row = (group: ConicBenchRow["group"], iterations: number, tsMs: number, wasmMs: number): ConicBenchRow => ({
      group,
      name: `p${iterations}`,
      n: 2,
      m: 3,
      status: "solved",
      iterations,
      tsMs,
      wasmMs,
      ratio: tsMs / wasmMs,
      maxDifference: 0,
    });
    const md = conicBenchMarkdown([row("conformance", 5, 1, 2), row("conformance", 9, 3, 2), row("large", 12, 300, 100)]);
    expect(md).toContain("| conformance | p9 | 2 × 3 | solved | 9 | 3.00 | 2.00 | 1.50 | 0e+0 |");
    expect(md).toContain("| conformance | 2 | 9 | 7 | 4.0 | 4.0 | 1.00 |");
    expect(md).toContain("| large | 1 | 12 | 12 | 300 | 100 | 3.00 |");
  });
});
