import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DINNER, DINNER_AXES, plain, runCli } from "./fake-io.js";

interface Summary {
  choice: number;
  text: string;
  questions: number;
  bound: number | null;
  reason: string;
  history: { question: number; pair: [number, number]; winner: number; bound: number | null }[];
}

const pool = JSON.parse(readFileSync(DINNER, "utf8")) as {
  candidates: { id: string; text: string; features: number[] }[];
  personas: { name: string; theta: number[] }[];
};
const N = pool.candidates.length;
const utility = (theta: number[], j: number) => pool.candidates[j]!.features.reduce((s, v, k) => s + v * theta[k]!, 0);
const argmax = (theta: number[]) => pool.candidates.reduce((best, _, j) => (utility(theta, j) > utility(theta, best) ? j : best), 0);

async function choose(args: string[], options: Parameters<typeof runCli>[1] = {}) {
  const out = await runCli(["choose", "--pool", DINNER, ...args], options);
  return { ...out, summary: out.code === 0 && args.includes("--json") ? (JSON.parse(out.stdout) as Summary) : undefined };
}

describe("the example pool", () => {
  it("has at least 24 distinct candidates, 3 personas, and each persona a unique favourite", () => {
    expect(N).toBeGreaterThanOrEqual(24);
    expect(new Set(pool.candidates.map((c) => c.text)).size).toBe(N);
    expect(pool.personas).toHaveLength(3);
    const favourites = pool.personas.map((p) => argmax(p.theta));
    expect(new Set(favourites).size).toBe(3);
    for (const p of pool.personas) {
      const best = argmax(p.theta);
      for (let j = 0; j < N; j++) if (j !== best) expect(utility(p.theta, best) - utility(p.theta, j)).toBeGreaterThan(1e-6);
    }
  });
});

describe("useralign choose --answers consistent:…", () => {
  it.each(pool.personas.map((p) => [p.name, p.theta] as const))("returns the argmax of ⟨θ*, φ⟩ for %s", async (name, theta) => {
    const { code, stderr, summary } = await choose(["--answers", `consistent:persona=${name}`, "--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const s = summary!;
    expect(Object.keys(s)).toEqual(["choice", "text", "questions", "bound", "reason", "history"]);
    // UserAlign at ε = 0 with a consistent user certifies ORACLE's choice (method.md step 8).
    expect(s.choice).toBe(argmax(theta));
    expect(s.text).toBe(pool.candidates[argmax(theta)]!.text);
    expect(s.reason).toBe("bound");
    expect(s.bound!).toBeLessThanOrEqual(1e-9);
    expect(s.questions).toBeGreaterThan(0);
    expect(s.questions).toBeLessThanOrEqual(N - 1 + 3);
    expect(s.history).toHaveLength(s.questions);
    s.history.forEach((h, k) => {
      expect(h.question).toBe(k + 1);
      const [a, b] = h.pair;
      // @useralign/simulators' consistent user: the higher ⟨θ*, φ⟩, an exact tie to the lower index.
      const [ua, ub] = [utility(theta, a), utility(theta, b)];
      expect(h.winner).toBe(ub > ua ? b : ua > ub ? a : Math.min(a, b));
    });
  });

  it("reads θ* from a file, and the oracle method agrees without asking", async () => {
    const theta = pool.personas[1]!.theta;
    const files = { "theta.json": JSON.stringify({ theta }) };
    const a = await choose(["--answers", "consistent:theta.json", "--json"], { files });
    expect(a.code).toBe(0);
    expect(a.summary!.choice).toBe(argmax(theta));
    const oracle = await choose(["--answers", "consistent:theta.json", "--method", "oracle", "--json"], { files });
    expect(oracle.summary).toMatchObject({ choice: argmax(theta), questions: 0, reason: "immediate" });
  });

  it("stops earlier with a positive epsilon, on the bound", async () => {
    // On the hand-placed 6-d axes: with 100-d text features and 28 candidates every candidate stays
    // viable until it has been compared (N ≤ d), so B(t) stays high until the last few questions.
    const axes = async (args: string[]) =>
      JSON.parse((await runCli(["choose", "--pool", DINNER_AXES, ...args, "--json"])).stdout) as Summary;
    const exact = await axes(["--answers", "consistent:persona=comfort food fan"]);
    const loose = await axes(["--answers", "consistent:persona=comfort food fan", "--epsilon", "0.2"]);
    expect(loose.reason).toBe("bound");
    expect(loose.bound!).toBeLessThanOrEqual(0.2);
    expect(loose.questions).toBeLessThan(exact.questions);
  });

  it("prints a trace and a human summary with the baseline without --json", async () => {
    const { code, stdout } = await choose(["--answers", "consistent:persona=spice lover"]);
    expect(code).toBe(0);
    expect(stdout).not.toMatch(/\x1b\[/);
    expect(stdout).toMatch(/^ {2}Q1 {2}B\(t\) = [\d.]+ {2}[a-z-]+ vs [a-z-]+ → [a-z-]+$/m);
    const spice = pool.personas.find((p) => p.name === "spice lover")!;
    expect(stdout).toContain(`questions (${pool.candidates[argmax(spice.theta)]!.id})`);
    expect(stdout).toContain("The plain answer, for comparison");
    expect(stdout).toContain("Something simple and dependable");
  });

  it("caps the questions with --max-questions", async () => {
    const { summary } = await choose(["--answers", "consistent:persona=spice lover", "--max-questions", "3", "--json"]);
    expect(summary).toMatchObject({ questions: 3, reason: "step-cap", bound: null });
  });
});

describe("useralign choose --answers script:…", () => {
  it("answers from the list in order", async () => {
    const script = Array.from({ length: 40 }, (_, k) => (k % 3 === 0 ? 2 : 1));
    const { code, summary } = await choose(["--answers", `script:${script.join(",")}`, "--json"]);
    expect(code).toBe(0);
    summary!.history.forEach((h, k) => expect(h.winner).toBe(h.pair[script[k]! - 1]));
    expect(summary!.reason).toBe("bound");
  });

  it("is a usage error when the list runs out or holds anything but 1 and 2", async () => {
    const short = await choose(["--answers", "script:1,2", "--json"]);
    expect(short.code).toBe(2);
    expect(short.stdout).toBe("");
    expect(short.stderr).toMatch(/ran out after 2 answers, but question 3 is still open/);
    const bad = await choose(["--answers", "script:1,3"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/comma-separated list of 1s and 2s/);
  });
});

describe("useralign choose, answered at the keyboard", () => {
  const ones = Array.from({ length: 60 }, () => "1" as const);

  it("takes 1 and 2, and arrows with Enter", async () => {
    const keys = ["2", "1", "right", "enter", "right", "left", "enter", ...ones];
    const { code, stdout, stderr, summary } = await choose(["--json"], { interactive: true, keys: keys as never, color: true });
    expect(code).toBe(0);
    const h = summary!.history;
    expect(h[0]!.winner).toBe(h[0]!.pair[1]);
    expect(h[1]!.winner).toBe(h[1]!.pair[0]);
    expect(h[2]!.winner).toBe(h[2]!.pair[1]);
    expect(h[3]!.winner).toBe(h[3]!.pair[0]);
    expect(summary!.reason).toBe("bound");
    // --json keeps stdout for the summary; the questions went to stderr, in colour.
    expect(stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/\x1b\[36m/);
    expect(plain(stderr)).toMatch(/Question 1 · bound B\(t\) = [\d.]+/);
    expect(plain(stderr)).toContain("What should I cook for dinner tonight?");
    const id = (j: number) => pool.candidates[j]!.id;
    expect(plain(stderr)).toContain(`✓ Question 3: ${id(h[2]!.pair[1])} over ${id(h[2]!.pair[0])}`);
    expect(plain(stderr)).toContain(`✓ Question 4: ${id(h[3]!.pair[0])} over ${id(h[3]!.pair[1])}`);
    for (const line of plain(stderr).split(/[\r\n]/)) expect(line).toBe(line.trimEnd());
  });

  it("highlights with arrows and redraws in place", async () => {
    const { stdout } = await choose([], { interactive: true, keys: ["right", "left", ...ones], color: false });
    const text = stdout;
    // Two redraws of question 1 (right, left), each erasing the block drawn before it.
    expect(text.match(/\x1b\[\d+A\r\x1b\[J/g)!.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/▌ \[1\]/);
    expect(text).toMatch(/▌ \[2\]/);
    expect(text).toContain("Your pick after");
  });

  it("reads typed lines when stdin is not a terminal, re-asking on anything else", async () => {
    const { code, stdout } = await choose([], { interactive: false, keys: ["2", "other", "1", ...ones] });
    expect(code).toBe(0);
    expect(stdout).toContain("[1]");
    expect(stdout).toContain("[2]");
    expect(stdout).toContain("Please type 1 or 2, or q to quit");
    expect(stdout).not.toMatch(/\x1b\[/);
    expect(stdout).toContain("Your pick after");
  });

  it("quits on q with exit code 1 and no pick", async () => {
    const { code, stdout, stderr } = await choose(["--json"], { interactive: true, keys: ["1", "quit"] });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/Stopped after 1 question; no pick was made/);
  });

  it("fails with exit code 1 when input ends before the end", async () => {
    const { code, stderr } = await choose([], { interactive: false, keys: ["1"] });
    expect(code).toBe(1);
    expect(stderr).toMatch(/Input ended before question 2 was answered/);
  });

  it("lays the pair out side by side on wide terminals and stacked on narrow ones", async () => {
    const wide = plain((await choose([], { interactive: true, keys: ["quit"], columns: 120 })).stdout);
    expect(wide).toMatch(/^ {2}▌ \[1\] +\[2\]$/m);
    const narrow = plain((await choose([], { interactive: true, keys: ["quit"], columns: 60 })).stdout);
    expect(narrow).toMatch(/^ {2}▌ \[1\]$/m);
    expect(narrow).toMatch(/^ {4}\[2\]$/m);
    for (const [text, columns] of [
      [wide, 120],
      [narrow, 60],
    ] as const) {
      for (const line of text.split("\n")) expect([...line].length).toBeLessThan(columns);
    }
  });
});

describe("bad pool files and flags exit 2 naming the problem", () => {
  const candidate = (id: string, features: number[], text: string | undefined = `Dish ${id}.`) => ({ id, text, features });
  const poolFile = (candidates: unknown[], extra: object = {}) =>
    JSON.stringify({ format: "useralign-pool", version: 1, question: "Q?", baseline: { text: "B." }, candidates, ...extra });
  const good = [candidate("a", [0, 0.1]), candidate("b", [0.2, 0]), candidate("c", [0.1, 0.3])];
  const cases: [string, string, RegExp][] = [
    ["missing text", poolFile([good[0], good[1], { id: "c", features: [0, 0] }]), /candidates\[2\]\.text: .*expected string/],
    ["empty text", poolFile([good[0], candidate("b", [0, 0], " "), good[2]]), /candidates\[1\]\.text: must be a non-empty string/],
    [
      "ragged features",
      poolFile([good[0], candidate("b", [0, 0.1, 0.2]), good[2]]),
      /candidates\[1\]\.features: has 3 numbers, but candidates\[0\]\.features has 2/,
    ],
    ["one candidate", poolFile([good[0]]), /candidates: a pool needs at least 2 candidates/],
    ["duplicate ids", poolFile([good[0], candidate("a", [0.1, 0.1])]), /candidates\[1\]\.id: "a" is already the id of candidates\[0\]/],
    ["a non-number feature", poolFile([good[0], candidate("b", [0, "x" as never])]), /candidates\[1\]\.features\[1\]/],
    [
      "a persona of the wrong dimension",
      poolFile(good, { personas: [{ name: "p", theta: [1] }] }),
      /personas\[0\]\.theta: has 1 numbers, but the features have 2/,
    ],
    ["the wrong format tag", JSON.stringify({ format: "pool", version: 1 }), /format: /],
    ["features too far apart", poolFile([candidate("a", [0, 0]), candidate("b", [2, 0])]), /‖φ\(y\) − φ\(y'\)‖ ≤ 1/],
    ["not JSON", "{", /pool file bad\.json is not valid JSON/],
  ];
  it.each(cases)("%s", async (_, text, message) => {
    const { code, stdout, stderr } = await runCli(["choose", "--pool", "bad.json", "--answers", "script:1"], {
      files: { "bad.json": text },
    });
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
    expect(stdout).toBe("");
  });

  it("a missing file", async () => {
    const { code, stderr } = await runCli(["choose", "--pool", "/nonexistent/pool.json"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Cannot read pool file \/nonexistent\/pool\.json: no such file/);
  });

  const flagCases: [string, string[], RegExp][] = [
    ["no --pool", ["choose"], /choose needs --pool FILE/],
    ["an unknown method", ["choose", "--pool", DINNER, "--method", "best"], /--method must be one of useralign, useralign-loss/],
    ["a bad epsilon", ["choose", "--pool", DINNER, "--epsilon", "abc"], /--epsilon must be a number/],
    ["a negative epsilon", ["choose", "--pool", DINNER, "--epsilon=-1"], /--epsilon must be at least 0/],
    ["a fractional cap", ["choose", "--pool", DINNER, "--max-questions", "2.5"], /--max-questions must be an integer/],
    ["an unknown flag", ["choose", "--pool", DINNER, "--colour"], /Unknown option '--colour'/],
    ["oracle without θ*", ["choose", "--pool", DINNER, "--method", "oracle"], /--method oracle knows the user's θ\*/],
    [
      "an unknown persona",
      ["choose", "--pool", DINNER, "--answers", "consistent:persona=nobody"],
      /no persona "nobody". Personas: "spice lover"/,
    ],
    [
      "an unknown answer kind",
      ["choose", "--pool", DINNER, "--answers", "random"],
      /--answers must start with "script:", "consistent:", "llm:" or "embedding:"/,
    ],
    ["an unknown backend", ["choose", "--pool", DINNER, "--backend", "nope", "--answers", "script:1"], /Unknown backend "nope"/],
  ];
  it.each(flagCases)("%s", async (_, argv, message) => {
    const { code, stderr, keyReaders } = await runCli(argv, { interactive: true, keys: ["quit"] });
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
    // Bad flags are caught before anything is asked.
    expect(keyReaders).toBe(0);
  });

  it("--help exits 0", async () => {
    const { code, stdout } = await runCli(["choose", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: useralign choose --pool FILE/);
  });
});

describe("useralign choose --answers embedding:…", () => {
  it("the embedding judge of a pool persona makes the same choice as the consistent user with its θ*", { timeout: 120_000 }, async () => {
    for (const p of pool.personas) {
      const judged = await choose(["--answers", `embedding:persona=${p.name}`, "--json"]);
      expect(judged.code).toBe(0);
      const consistent = await choose(["--answers", `consistent:persona=${p.name}`, "--json"]);
      expect(judged.summary!.choice).toBe(argmax(p.theta));
      expect(judged.summary!.history).toEqual(consistent.summary!.history);
    }
  });

  it("a free-text persona works too; a pool without an embedding record is refused", { timeout: 120_000 }, async () => {
    const r = await choose(["--answers", "embedding:Fiery chili, Sichuan pepper and curry: the hotter the better.", "--json"]);
    expect(r.code).toBe(0);
    expect(r.summary!.reason).toBe("bound");
    const axes = await runCli(["choose", "--pool", DINNER_AXES, "--answers", "embedding:persona=spice lover"]);
    expect(axes.code).toBe(2);
    expect(axes.stderr).toMatch(
      /does not record how its features were made; the embedding judge needs a pool written by "useralign embed --dataset … --format pool"/,
    );
    expect((await choose(["--answers", "embedding:"])).stderr).toMatch(/--answers embedding: needs persona=NAME or a persona description/);
  });
});
