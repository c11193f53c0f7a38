import { describe, expect, it } from "vitest";
import { runCli } from "./fake-io.js";

const CONTRACT_KEYS = ["status", "objective", "x", "y", "s", "solver", "iterations"];

async function solve(input: unknown, args: string[] = []) {
  const out = await runCli(["solve", "--json", ...args], { stdin: typeof input === "string" ? input : JSON.stringify(input) });
  return { ...out, report: out.code === 0 ? (JSON.parse(out.stdout) as Record<string, unknown>) : undefined };
}

// min x₁ + x₂ over the unit disc: objective −√2 at −(1, 1)/√2.
const disc = {
  q: [1, 1],
  A: { rows: [1, 2], cols: [0, 1], vals: [1, 1], shape: [3, 2] },
  b: [1, 0, 0],
  cones: [{ type: "soc", dim: 3 }],
};

describe("useralign solve --json", () => {
  it("prints one JSON line with exactly the contract's keys", async () => {
    const { code, stdout, stderr, report } = await solve(disc);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout.endsWith("\n")).toBe(true);
    expect(stdout.trimEnd().includes("\n")).toBe(false);
    expect(Object.keys(report!)).toEqual(CONTRACT_KEYS);
    const r = report as { status: string; objective: number; x: number[]; y: number[]; s: number[]; solver: string; iterations: number };
    expect(r.status).toBe("solved");
    expect(r.objective).toBeCloseTo(-Math.SQRT2, 7);
    expect(r.x[0]).toBeCloseTo(-Math.SQRT1_2, 7);
    expect(r.y).toHaveLength(3);
    expect(r.s).toHaveLength(3);
    expect(r.solver).toBe("clarabel");
    expect(Number.isInteger(r.iterations)).toBe(true);
  });

  it("--solver picks the solver; settings travel in the input", async () => {
    const { report } = await solve({ ...disc, settings: { kernels: "ts", maxIter: 50 } }, ["--solver", "ecos"]);
    expect(report!.solver).toBe("ecos");
    expect(report!.status).toBe("solved");
    const limited = await solve({ ...disc, settings: { maxIter: 1 } }, ["--solver", "clarabel"]);
    expect(limited.report!.status).toBe("max_iterations");
    // In the default chain, both interior-point members hit maxIter = 1, so scs answers.
    const fellThrough = await solve({ ...disc, settings: { maxIter: 1 } });
    expect(fellThrough.report).toMatchObject({ solver: "scs", status: "solved" });
    const scs = await solve(disc, ["--solver", "scs"]);
    expect(scs.report!.solver).toBe("scs");
    expect(scs.report!.objective as number).toBeCloseTo(-Math.SQRT2, 3);
  });

  it("an infeasible problem prints its certificate in y and null for the rest", async () => {
    const infeasible = {
      q: [1],
      A: { rows: [0, 1], cols: [0, 0], vals: [-1, 1], shape: [2, 1] },
      b: [-1, 0],
      cones: [{ type: "nonneg", dim: 2 }],
    };
    const { report } = await solve(infeasible);
    expect(report!.status).toBe("primal_infeasible");
    expect(report!.objective).toBeNull();
    expect(report!.x).toEqual([null]);
    const y = report!.y as number[];
    expect(-y[0]! + y[1]!).toBeCloseTo(0, 8);
  });

  it("bad input goes to stderr with exit 2 and stdout empty", async () => {
    for (const [input, message] of [
      ["{", /not valid JSON/],
      ["", /stdin is empty/],
      [{ ...disc, cones: [{ type: "psd", dim: 3 }] }, /unknown cone type "psd"/],
      [{ ...disc, cones: [{ type: "soc", dim: 2 }] }, /add up to 2, but A has 3 rows/],
      [{ ...disc, q: [1] }, /A\.shape: must be \[3, 1\]/],
      [{ ...disc, P: { rows: [1], cols: [0], vals: [1], shape: [2, 2] } }, /upper triangle/],
      [{ ...disc, settings: { maxIter: -1 } }, /settings\.maxIter/],
      [{ ...disc, extra: true }, /Invalid conic problem/],
    ] as const) {
      const out = await solve(input);
      expect(out.code).toBe(2);
      expect(out.stdout).toBe("");
      expect(out.stderr).toMatch(message);
    }
  });

  it("--solver highs solves LPs and names the cone it cannot take", async () => {
    // min x₁ + 2x₂ s.t. x₁ + x₂ = 1, x ≥ 0: objective 1 at (1, 0).
    const lp = {
      q: [1, 2],
      A: { rows: [0, 0, 1, 2], cols: [0, 1, 0, 1], vals: [1, 1, -1, -1], shape: [3, 2] },
      b: [1, 0, 0],
      cones: [
        { type: "zero", dim: 1 },
        { type: "nonneg", dim: 2 },
      ],
    };
    const ok = await solve(lp, ["--solver", "highs"]);
    expect(ok.code).toBe(0);
    expect(ok.report).toMatchObject({ status: "solved", solver: "highs" });
    expect(ok.report!.objective as number).toBeCloseTo(1, 9);
    const refused = await solve(disc, ["--solver", "highs"]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr).toMatch(/soc/);
  });

  it("an unknown --solver is a usage error; --help documents the contract", async () => {
    const bad = await runCli(["solve", "--json", "--solver", "gurobi"], { stdin: JSON.stringify(disc) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--solver must be one of chain, clarabel, ecos, scs/);
    const help = await runCli(["solve", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/"status", "objective", "x", "y", "s", "solver", "iterations"/);
  });

  it("without --json prints a human summary", async () => {
    const out = await runCli(["solve"], { stdin: JSON.stringify(disc) });
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^solved · objective -1\.4142136 · \d+ iterations \(clarabel\)\n$/);
  });
});
