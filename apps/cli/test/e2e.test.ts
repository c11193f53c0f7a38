import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DINNER, runCli } from "./fake-io.js";

// Built by test/global-setup.ts when missing or stale.
const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

function cli(args: string[], input = "", env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [MAIN, ...args], { input, encoding: "utf8", env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the built useralign binary", () => {
  it("starts with a node shebang", () => {
    expect(readFileSync(MAIN, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  });

  it("step --json reads stdin and prints the same report as in-process", async () => {
    const input = JSON.stringify({
      features: [
        [0.5, 0, 0],
        [0, 0.5, 0],
        [0, 0, 0.5],
        [0.3, 0.3, 0.2],
      ],
      comparisons: [{ winner: 0, loser: 1 }],
      epsilon: 0.01,
    });
    const r = cli(["step", "--json"], input);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(["theta_hat", "first", "second", "bound", "stop", "values"]);
    const inProcess = await runCli(["step", "--json"], { stdin: input });
    expect(r.stdout).toBe(inProcess.stdout);
  });

  it("step --json exits 2 on bad input with stdout empty", () => {
    const r = cli(["step", "--json"], '{"features": [[0, 0.1], [0.1]]}');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/Feature row 1 has length 1/);
  });

  it("solve --json reads a conic problem on stdin and prints the same result as in-process", async () => {
    const input = JSON.stringify({
      q: [1],
      A: { rows: [0], cols: [0], vals: [-1], shape: [1, 1] },
      b: [-1],
      cones: [{ type: "nonneg", dim: 1 }],
      settings: { kernels: "ts" },
    });
    const r = cli(["solve", "--json"], input);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { status: string; x: number[] };
    expect(report.status).toBe("solved");
    expect(report.x[0]).toBeCloseTo(1, 7);
    const inProcess = await runCli(["solve", "--json"], { stdin: input });
    expect(JSON.parse(inProcess.stdout)).toMatchObject({ status: "solved", solver: "clarabel" });
  });

  it("choose with a persona returns its favourite", () => {
    const r = cli(["choose", "--pool", DINNER, "--answers", "consistent:persona=busy vegetarian", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ text: expect.stringMatching(/^A big pot of lentil and vegetable soup/), reason: "bound" });
  });

  it("choose reads typed answers from a pipe, and q quits with exit 1", { timeout: 30_000 }, () => {
    const done = cli(["choose", "--pool", DINNER], "1\n".repeat(60), { NO_COLOR: "1" });
    expect(done.code).toBe(0);
    expect(done.stdout).toContain("Your choice (1 or 2, q to quit): 1");
    expect(done.stdout).toContain("Your pick after");
    expect(done.stdout).not.toMatch(/\x1b\[/);
    const quit = cli(["choose", "--pool", DINNER], "2\nq\n");
    expect(quit.code).toBe(1);
    expect(quit.stderr).toMatch(/Stopped after 1 question/);
  });

  it("prints usage: exit 0 with --help, exit 2 with nothing or an unknown command", () => {
    const help = cli(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: useralign <command>/);
    expect(cli([]).code).toBe(2);
    const unknown = cli(["pick"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown command "pick"/);
  });

  it("--version prints the version of the installed package.json, and nothing else", () => {
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    for (const flag of ["--version", "-v"]) {
      const r = cli([flag]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout).toBe(`${version}\n`);
    }
  });
});

describe("the built useralign simulate", () => {
  it("runs on two worker threads", () => {
    const r = cli([
      "simulate",
      "--domains",
      "food2d",
      "--methods",
      "useralign,oracle",
      "--seeds",
      "1",
      "--steps",
      "0",
      "--trace-steps",
      "0",
      "--workers",
      "2",
      "--json",
    ]);
    expect(r.code).toBe(0);
    const { tasks, reports } = JSON.parse(r.stdout) as {
      tasks: number;
      reports: { table: { label: string; oracleRate: { mean: number } }[] }[];
    };
    expect(tasks).toBe(3 * 4 * 2);
    expect(reports[0]!.table.find((x) => x.label === "UserAlign (ε = 0.0)")!.oracleRate.mean).toBe(100);
    expect(r.stderr).toMatch(/on 2 worker\(s\)/);
  });
});
