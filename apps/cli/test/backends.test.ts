import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "./fake-io.js";

const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const cli = (args: string[], input = "") => spawnSync(process.execPath, [MAIN, ...args], { input, encoding: "utf8", timeout: 60_000 });

const INPUT = JSON.stringify({
  features: [
    [0.5, 0, 0],
    [0, 0.5, 0],
    [0, 0, 0.5],
    [0.3, 0.3, 0.2],
    [-0.2, 0.4, 0.1],
  ],
  comparisons: [
    { winner: 0, loser: 1 },
    { winner: 3, loser: 2 },
  ],
});

describe("--backend (alias --solver) picks a backend by name, from the core or an installed package", () => {
  it("an unknown name exits 2 listing the installed backends (step, bench and choose, built binary)", () => {
    for (const args of [
      ["step", "--json", "--backend", "nope"],
      ["bench", "step", "--n", "5", "--d", "2", "--t", "1", "--solver", "nope"],
      [
        "choose",
        "--pool",
        fileURLToPath(new URL("../../../examples/dinner.json", import.meta.url)),
        "--answers",
        "script:1",
        "--backend",
        "nope",
      ],
    ]) {
      const r = cli(args, INPUT);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^useralign: Unknown backend "nope"\. Installed: structured, general, highs, conic, conic-ts\.\n$/);
    }
  }, 60_000);

  it("step --backend highs loads @useralign/solver-highs and agrees with structured on every V_j", async () => {
    const highs = await runCli(["step", "--json", "--backend", "highs"], { stdin: INPUT });
    const structured = await runCli(["step", "--json"], { stdin: INPUT });
    expect(highs.stderr).toBe("");
    expect(highs.code).toBe(0);
    const a = JSON.parse(highs.stdout);
    const b = JSON.parse(structured.stdout);
    expect(a.first).toBe(b.first);
    expect(a.second).toBe(b.second);
    for (const key of Object.keys(b.values)) expect(Math.abs(a.values[key] - b.values[key])).toBeLessThan(1e-6);
    // The alias gives the same report.
    const alias = await runCli(["step", "--json", "--solver", "highs"], { stdin: INPUT });
    expect(alias.stdout).toBe(highs.stdout);
  }, 30_000);

  it("bench step --solver highs times the highs backend (built binary)", () => {
    const r = cli(["bench", "step", "--n", "8", "--d", "3", "--t", "3", "--reps", "2", "--solver", "highs", "--json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ n: 8, d: 3, t: 3, solver: "highs", reps: 2 });
  }, 30_000);
});
