import { describe, expect, it } from "vitest";
import { runCli } from "./fake-io.js";

/** A small deterministic pool: n points on the sphere of radius ½ in R^d (so ‖Δφ‖ ≤ 1). */
function generatedPool(n: number, d: number, seed: number): number[][] {
  let s = seed;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  return Array.from({ length: n }, () => {
    const v = Array.from({ length: d }, rand);
    const norm = Math.hypot(...v);
    return v.map((x) => (0.5 * x) / norm);
  });
}

/** Consistent comparisons of the given pairs under θ*. */
function consistentComparisons(features: number[][], theta: number[], pairs: [number, number][]) {
  const u = (j: number) => features[j]!.reduce((s, v, k) => s + v * theta[k]!, 0);
  return pairs.map(([a, b]) => (u(a) >= u(b) ? { winner: a, loser: b } : { winner: b, loser: a }));
}

const CONTRACT_KEYS = ["theta_hat", "first", "second", "bound", "stop", "values"];

async function step(input: unknown, args: string[] = []) {
  const out = await runCli(["step", "--json", ...args], { stdin: JSON.stringify(input) });
  return { ...out, report: out.code === 0 ? (JSON.parse(out.stdout) as Record<string, unknown>) : undefined };
}

describe("useralign step --json", () => {
  const features = generatedPool(7, 3, 42);
  const comparisons = consistentComparisons(
    features,
    [2, -1, 1.5],
    [
      [0, 1],
      [2, 3],
      [4, 5],
    ],
  );

  it("prints one JSON line with exactly the contract's keys and types", async () => {
    const { code, stdout, stderr, report } = await step({ features, comparisons, epsilon: 0 });
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout.endsWith("\n")).toBe(true);
    expect(stdout.trimEnd().includes("\n")).toBe(false);
    expect(Object.keys(report!)).toEqual(CONTRACT_KEYS);
    const r = report as {
      theta_hat: unknown[];
      first: number;
      second: number | null;
      bound: number;
      stop: boolean;
      values: Record<string, number>;
    };
    expect(r.theta_hat).toHaveLength(3);
    for (const v of r.theta_hat) expect(typeof v).toBe("number");
    expect(Number.isInteger(r.first)).toBe(true);
    expect(r.second === null || Number.isInteger(r.second)).toBe(true);
    expect(typeof r.bound).toBe("number");
    expect(typeof r.stop).toBe("boolean");
    const expectedKeys = features.map((_, j) => String(j)).filter((j) => j !== String(r.first));
    expect(Object.keys(r.values).sort()).toEqual(expectedKeys.sort());
    for (const v of Object.values(r.values)) expect(Number.isFinite(v)).toBe(true);
    // y⁽²⁾ is the argmax of V and B(t) its value (method.md steps 7–8).
    expect(r.second).not.toBeNull();
    expect(r.bound).toBeCloseTo(r.values[String(r.second)]!, 12);
    expect(Math.max(...Object.values(r.values))).toBeCloseTo(r.bound, 9);
  });

  it("stops exactly when the bound is at most epsilon", async () => {
    const { report: base } = await step({ features, comparisons, epsilon: 0 });
    const bound = base!["bound"] as number;
    expect(bound).toBeGreaterThan(0.01);
    const stops: boolean[] = [];
    for (const epsilon of [0, bound / 2, bound * 0.999, bound * 1.001, bound * 2, 10]) {
      const { report } = await step({ features, comparisons, epsilon });
      expect(report!["bound"]).toBeCloseTo(bound, 12);
      expect(report!["stop"]).toBe((report!["bound"] as number) <= epsilon);
      stops.push(report!["stop"] as boolean);
    }
    expect(stops).toEqual([false, false, false, true, true, true]);
  });

  it("draws the first response at t = 0 from the seed, reproducibly", async () => {
    const firsts = new Set<number>();
    for (const seed of [0, 1, 2, 3, 4, 5, 6, 7]) {
      const a = await step({ features, seed });
      const b = await step({ features, seed });
      expect(a.report).toEqual(b.report);
      expect(a.report!["theta_hat"]).toEqual([0, 0, 0]);
      firsts.add(a.report!["first"] as number);
    }
    expect(firsts.size).toBeGreaterThan(1);
  });

  it("gives the same decision with --backend general", async () => {
    const a = (await step({ features, comparisons })).report!;
    const b = await step({ features, comparisons }, ["--backend", "general"]);
    expect(b.code).toBe(0);
    expect(b.report!["first"]).toBe(a["first"]);
    expect(b.report!["second"]).toBe(a["second"]);
    expect(b.report!["bound"]).toBeCloseTo(a["bound"] as number, 4);
  });

  it("prints a short human summary without --json", async () => {
    const { code, stdout } = await runCli(["step"], { stdin: JSON.stringify({ features, comparisons }) });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^first \d+ · second \d+ · bound B\(t\) = [\d.e-]+ → ask: \d+ vs \d+\n$/);
  });

  describe("bad input exits 2 with a message on stderr and nothing on stdout", () => {
    const cases: [string, string, RegExp][] = [
      ["not JSON", '{"features": [[0, 1]', /not valid JSON/],
      ["empty stdin", "", /stdin is empty/],
      [
        "a ragged feature row",
        JSON.stringify({
          features: [
            [0, 0.1],
            [0.1, 0.2, 0.3],
            [0, 0],
          ],
        }),
        /Feature row 1 has length 3, but row 0 has length 2/,
      ],
      [
        "an out-of-range comparison index",
        JSON.stringify({
          features: [
            [0, 0.1],
            [0.1, 0.2],
          ],
          comparisons: [{ winner: 9, loser: 0 }],
        }),
        /comparisons\[0\]\.winner = 9 is out of range for 2 candidates/,
      ],
      [
        "a non-number feature",
        JSON.stringify({
          features: [
            [0, "NaN"],
            [0.1, 0.2],
          ],
        }),
        /features\.0\.1/,
      ],
      ["an unknown key", JSON.stringify({ features: [[0], [0.1]], epsilom: 0 }), /epsilom/],
      ["an unknown method", JSON.stringify({ features: [[0], [0.1]], method: "fast" }), /method/],
    ];
    it.each(cases)("%s", async (_, stdin, message) => {
      const { code, stdout, stderr } = await runCli(["step", "--json"], { stdin });
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(message);
    });

    it("an unknown backend", async () => {
      const { code, stdout, stderr } = await runCli(["step", "--json", "--backend", "nope"], { stdin: JSON.stringify({ features }) });
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(/Unknown backend "nope". Installed: structured, general/);
    });
  });

  it("rejects unknown flags and a terminal on stdin as usage errors; --help exits 0", async () => {
    const unknown = await runCli(["step", "--jsn"], { stdin: "{}" });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--jsn'[\s\S]*useralign step --help/);
    const tty = await runCli(["step", "--json"], { interactive: true });
    expect(tty.code).toBe(2);
    expect(tty.stderr).toMatch(/pipe or redirect/);
    const help = await runCli(["step", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: useralign step --json/);
  });
});
