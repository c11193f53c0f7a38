import { describe, expect, it } from "vitest";
import { BENCH_PACKAGE, type BenchModule, type BenchStepReport } from "../src/commands/bench.js";
import { importOptional } from "../src/optional-package.js";
import { runCli } from "./fake-io.js";

const canned: BenchStepReport = {
  n: 20,
  d: 64,
  t: 5,
  solver: "structured",
  reps: 3,
  median_ms: 1.5,
  min_ms: 1.25,
  max_ms: 2,
  parts: { mle_ms: 0.25, first_ms: 0.01, second_ms: 1.2 },
  rss_mb: 80,
  decision: { first: 3, second: null, bound: 0 },
  state_mb: 0.5,
  history: { method: 5, random: 0 },
};

function fakeBench() {
  const calls: unknown[] = [];
  const module: BenchModule = {
    benchStep: (options) => {
      calls.push(options);
      return canned;
    },
  };
  return { calls, loadBench: async () => module };
}

describe("useralign bench step", () => {
  it("passes the flags to benchStep and prints its result as JSON", async () => {
    const { calls, loadBench } = fakeBench();
    const { code, stdout } = await runCli(
      ["bench", "step", "--n", "20", "--d", "64", "--t", "5", "--reps", "3", "--solver", "general", "--json"],
      {},
      { loadBench },
    );
    expect(code).toBe(0);
    expect(calls).toEqual([{ n: 20, d: 64, t: 5, backend: "general", reps: 3 }]);
    expect(JSON.parse(stdout)).toEqual(canned);
  });

  it("--backend is the flag and --solver its alias; the two must agree", async () => {
    const { calls, loadBench } = fakeBench();
    expect((await runCli(["bench", "step", "--n", "20", "--d", "64", "--t", "5", "--backend", "general"], {}, { loadBench })).code).toBe(0);
    expect(calls).toEqual([{ n: 20, d: 64, t: 5, backend: "general" }]);
    const clash = await runCli(
      ["bench", "step", "--n", "20", "--d", "64", "--t", "5", "--backend", "general", "--solver", "structured"],
      {},
      { loadBench },
    );
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/--backend general and --solver structured disagree; --solver is an alias of --backend, give one\./);
    expect(calls).toHaveLength(1);
  });

  it("prints a short table without --json", async () => {
    const { loadBench } = fakeBench();
    const { code, stdout } = await runCli(["bench", "step", "--n", "20", "--d", "64", "--t", "5"], {}, { loadBench });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^step {2}n=20 {2}d=64 {2}t=5 {2}backend=structured {2}reps=3$/m);
    expect(stdout).toMatch(/median {3}1\.50 ms {3}\(min 1\.25 ms, max 2\.00 ms\)/);
    expect(stdout).toMatch(/decision first 3 · second none · bound 0\.000/);
  });

  it("is a usage error without --n, --d or --t, or with a bad number", async () => {
    const { calls, loadBench } = fakeBench();
    for (const [argv, message] of [
      [["bench", "step", "--d", "4", "--t", "1"], /bench step needs --n/],
      [["bench", "step", "--n", "x", "--d", "4", "--t", "1"], /--n must be a number/],
      [["bench", "step", "--n", "1", "--d", "4", "--t", "1"], /--n must be at least 2/],
      [["bench", "step", "--n", "5", "--d", "4", "--t", "1", "--fast"], /Unknown option '--fast'/],
      [["bench"], /bench needs a subcommand: step/],
      [["bench", "run"], /Unknown bench subcommand "run"/],
    ] as const) {
      const { code, stderr } = await runCli([...argv], {}, { loadBench });
      expect(stderr).toMatch(message);
      expect(code).toBe(2);
    }
    expect(calls).toHaveLength(0);
  });

  it("names what to do when the benchmark package is not installed", async () => {
    // The real loader on a specifier that is not installed, as in an npm install of the CLI.
    const loadBench = () => importOptional<BenchModule>({ ...BENCH_PACKAGE, specifier: "@useralign/bench-not-installed" });
    const { code, stdout, stderr } = await runCli(["bench", "step", "--n", "5", "--d", "2", "--t", "1"], {}, { loadBench });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      'useralign: "useralign bench" needs @useralign/bench-not-installed, which is not installed. It is not published: run the benchmarks from a clone of the repository (pnpm install && pnpm build && pnpm --silent useralign bench step …).\n',
    );
  });

  it("runs the real @useralign/bench on a tiny instance with the contract's keys", async () => {
    const { code, stdout, stderr } = await runCli(["bench", "step", "--n", "6", "--d", "3", "--t", "2", "--reps", "2", "--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    for (const key of ["n", "d", "t", "solver", "reps", "median_ms", "min_ms", "max_ms", "parts", "rss_mb", "decision"])
      expect(result).toHaveProperty(key);
    expect(result).toMatchObject({ n: 6, d: 3, t: 2, reps: 2, solver: "structured" });
  });
});
