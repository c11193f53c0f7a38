import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPoolFile } from "@useralign/domains";
import { scriptedModel, startFakeChatServer, type FakeChatServer } from "@useralign/llm/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./fake-io.js";

let server: FakeChatServer;
const dirs: string[] = [];
beforeAll(async () => {
  server = await startFakeChatServer(scriptedModel());
});
afterAll(() => server.close());
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "useralign-pool-cli-"));
  dirs.push(d);
  return d;
}

const base = () => [
  "pool",
  "--question",
  "What should I cook tonight?",
  "--n",
  "6",
  "--model",
  "m",
  "--base-url",
  server.baseUrl,
  "--retries",
  "0",
];

describe("useralign pool", () => {
  it("generates, embeds and scales a pool file that choose accepts", async () => {
    const before = server.requests.length;
    const r = await runCli([...base(), "--out", "pool.json", "--embed-dimension", "32"]);
    expect(r.stderr).toBe(
      "Generated 6 candidates with 8 chat calls (0 from the cache, 8 requests).\n" +
        "Embedded 6 candidates with hashing (hashing-d32-n2-seed0-idf-batch), d = 32.\n" +
        "Wrote pool.json. Next: useralign choose --pool pool.json\n",
    );
    expect(r.code).toBe(0);
    expect(server.requests.length - before).toBe(8);
    const pool = await loadPoolFile("pool.json", async (p) => r.files[p]!);
    expect(pool.question).toBe("What should I cook tonight?");
    expect(pool.baseline.text).toBe("Baseline answer");
    expect(pool.candidates.map((c) => c.id)).toEqual(["plain-1", "interest-1", "plain-2", "interest-2", "plain-3", "interest-3"]);
    expect(pool.candidates[1]!.text).toBe("Answer for interest 1");
    for (const c of pool.candidates) {
      expect(c.features).toHaveLength(32);
      expect(Math.hypot(...c.features)).toBeCloseTo(0.5, 9);
    }
    const chosen = await runCli(["choose", "--pool", "pool.json", "--answers", `script:${Array(40).fill(1).join(",")}`, "--json"], {
      files: r.files,
    });
    expect(chosen.code).toBe(0);
    const summary = JSON.parse(chosen.stdout) as { choice: number; text: string; questions: number };
    expect(summary.text).toBe(pool.candidates[summary.choice]!.text);
    expect(summary.questions).toBeGreaterThan(0);
  });

  it("reruns from --cache with zero requests and writes the same file", async () => {
    const cache = await tempDir();
    const first = await runCli([...base(), "--out", "a.json", "--cache", cache, "--json"]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ candidates: 6, dimension: 256, chat: { calls: 8, requests: 8, cacheHits: 0 } });
    const before = server.requests.length;
    const second = await runCli([...base(), "--out", "b.json", "--cache", cache, "--json"]);
    expect(server.requests.length).toBe(before);
    expect(JSON.parse(second.stdout)).toMatchObject({ chat: { calls: 8, requests: 0, cacheHits: 8 } });
    expect(second.files["b.json"]).toBe(first.files["a.json"]);
  });

  it("draws a progress bar on a terminal", async () => {
    const r = await runCli([...base(), "--out", "p.json"], { stderrIsTerminal: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("\r\x1b[2KGenerating ");
    expect(r.stderr).toContain(" 8/8");
  });

  it("exits 2 on bad usage before any request, and 1 when the server fails", async () => {
    const before = server.requests.length;
    const noModel = await runCli(["pool", "--question", "q", "--out", "p.json", "--base-url", server.baseUrl]);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toMatch(/pool needs a chat model: --model NAME \(or set USERALIGN_LLM_MODEL\)/);
    expect((await runCli(["pool", "--out", "p.json", "--model", "m"])).stderr).toMatch(/pool needs --question TEXT/);
    expect((await runCli([...base(), "--out", "p.json", "--scale", "max"])).code).toBe(2);
    expect((await runCli([...base(), "--out", "p.json", "--n", "1"])).stderr).toMatch(/--n must be at least 2/);
    expect((await runCli([...base(), "--out", "p.json", "--interests", "7"])).stderr).toMatch(/--interests must be at most --n \(6\)/);
    expect((await runCli([...base(), "--out", "p.json", "--embed-concurrency", "2"])).stderr).toMatch(
      /does not apply to --provider hashing/,
    );
    expect(server.requests.length).toBe(before);

    const broken = await startFakeChatServer(() => ({ status: 500, body: { error: { message: "model crashed" } } }));
    try {
      const r = await runCli([
        "pool",
        "--question",
        "q",
        "--out",
        "p.json",
        "--model",
        "m",
        "--base-url",
        broken.baseUrl,
        "--retries",
        "0",
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`useralign: Chat model at ${broken.baseUrl}/chat/completions: HTTP 500: model crashed\n`);
      expect(r.files["p.json"]).toBeUndefined();
    } finally {
      await broken.close();
    }
  });

  it("embeds through the chat server's /v1/embeddings with --provider openai, which defaults to --base-url", async () => {
    // A 3-d "embedding" that tells the kinds of candidate apart.
    const embed = (t: string) => [t.startsWith("Answer") ? 1 : 0, t.startsWith("Sample") ? 1 : 0, t.length / 100];
    const both = await startFakeChatServer(scriptedModel(), { embed });
    try {
      const args = [
        "pool",
        "--question",
        "q",
        "--n",
        "4",
        "--out",
        "p.json",
        "--model",
        "m",
        "--base-url",
        both.baseUrl,
        "--provider",
        "openai",
        "--embed-model",
        "e",
      ];
      const r = await runCli(args);
      expect(r.stderr).toContain("Embedded 4 candidates with openai (e), d = 3.");
      expect(r.code).toBe(0);
      const pool = await loadPoolFile("p.json", async (p) => r.files[p]!);
      const interest = pool.candidates.find((c) => c.id === "interest-1")!;
      expect(interest.features[0]).toBeGreaterThan(0.4);
      expect(interest.features[1]).toBe(0);
      const tfjs = await runCli([...args.slice(0, -4), "--provider", "tfjs", "--embed-model", "/nonexistent"]);
      expect(tfjs.stderr).not.toMatch(/--base-url does not apply/);
    } finally {
      await both.close();
    }
  });

  it("takes the model and base URL from the environment", async () => {
    const r = await runCli(["pool", "--question", "q", "--n", "2", "--out", "p.json"], {
      env: { OPENAI_BASE_URL: server.baseUrl, USERALIGN_LLM_MODEL: "env-model" },
    });
    expect(r.code).toBe(0);
    expect(server.requests.at(-1)!.body.model).toBe("env-model");
  });

  it("prints its help", async () => {
    const r = await runCli(["pool", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: useralign pool --question TEXT --out FILE/);
    expect(r.stdout).toContain("--embed-dimension D");
    expect(r.stdout).toContain("--base-url URL");
  });
});

// The built binary, against the same local server: spawned asynchronously, because the server
// lives in this process and a blocking spawn would stop it from answering.
const MAIN = fileURLToPath(new URL("../dist/main.js", import.meta.url));

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the built binary: pool → choose", () => {
  it("writes a pool file to disk that choose then reads", async () => {
    const dir = await tempDir();
    const out = join(dir, "pool.json");
    const made = await cli(["pool", "--question", "Where should we travel?", "--n", "4", "--out", out, "--base-url", server.baseUrl], {
      USERALIGN_LLM_MODEL: "m",
    });
    expect(made.stderr).toContain(`Wrote ${out}.`);
    expect(made.code).toBe(0);
    expect(JSON.parse(await readFile(out, "utf8"))).toMatchObject({
      format: "useralign-pool",
      version: 1,
      question: "Where should we travel?",
    });
    const chosen = await cli(["choose", "--pool", out, "--answers", "script:2,2,2,2,2,2,2,2,2,2", "--json"]);
    expect(chosen.stderr).toBe("");
    expect(chosen.code).toBe(0);
    expect(JSON.parse(chosen.stdout)).toMatchObject({ reason: expect.any(String), questions: expect.any(Number) });
  });
});

describe("useralign choose --answers llm:…", () => {
  it("lets a persona judge answer, and ends on the persona's favourite", async () => {
    const made = await runCli([...base(), "--out", "pool.json", "--embed-dimension", "64"]);
    expect(made.code).toBe(0);
    // The persona loves interest 2, then other interests, then later samples: a strict total order,
    // so asking both orders never disagrees (ties would be answered by position).
    const number = (t: string) => Number(/(\d+)$/.exec(t)?.[1] ?? 0);
    const rank = (t: string) => (t.includes("interest 2") ? 100 : t.includes("interest") ? 10 + number(t) : number(t));
    const judgeServer = await startFakeChatServer(scriptedModel({ judge: (a, b) => (rank(a) >= rank(b) ? "1" : "2") }));
    try {
      const args = [
        "choose",
        "--pool",
        "pool.json",
        "--answers",
        "llm:Loves interest 2.",
        "--model",
        "judge",
        "--base-url",
        judgeServer.baseUrl,
        "--json",
      ];
      const r = await runCli(args, { files: made.files });
      expect(r.code).toBe(0);
      const summary = JSON.parse(r.stdout) as { text: string; questions: number };
      expect(summary.text).toBe("Answer for interest 2");
      expect(judgeServer.requests).toHaveLength(summary.questions);
      expect(judgeServer.requests[0]!.body).toMatchObject({ model: "judge", temperature: 0 });
      expect(judgeServer.requests[0]!.body.messages[0]!.content).toContain("Loves interest 2.");
      expect(r.stderr).toBe(`Persona judge: ${summary.questions} chat calls, 0 re-asked.\n`);
      const both = await runCli([...args, "--both-orders"], { files: made.files });
      expect(both.stderr).toMatch(/^Persona judge: \d+ chat calls, 0 re-asked, 0 of \d+ pairs answered by position\.\n$/);
    } finally {
      await judgeServer.close();
    }
  });

  it("refuses chat flags without an llm answer source", async () => {
    const r = await runCli(["choose", "--pool", "x.json", "--answers", "script:1", "--model", "m"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--model only applies with --answers llm:…/);
    expect((await runCli(["choose", "--pool", "x.json", "--answers", "llm:"])).stderr).toMatch(
      /--answers llm: needs a persona description/,
    );
  });
});

describe("examples/persona-loop.mjs", () => {
  it("runs a session per persona on a generated pool and reports the win-rate against the baseline", async () => {
    const dir = await tempDir();
    const poolPath = join(dir, "pool.json");
    const personasPath = join(dir, "personas.json");
    const made = await runCli([...base(), "--out", poolPath]);
    expect(made.code).toBe(0);
    const { writeFile } = await import("node:fs/promises");
    await writeFile(poolPath, made.files[poolPath]!);
    await writeFile(
      personasPath,
      JSON.stringify([
        { name: "fan of 2", description: "Loves interest 2." },
        { name: "baseline lover", description: "Likes plain answers." },
      ]),
    );
    // "fan of 2" ranks as in the test above; "baseline lover" prefers the baseline to everything.
    const number = (t: string) => Number(/(\d+)$/.exec(t)?.[1] ?? 0);
    const rank = (t: string, plain: boolean) =>
      plain
        ? t === "Baseline answer"
          ? 1000
          : -number(t)
        : t.includes("interest 2")
          ? 100
          : t.includes("interest")
            ? 10 + number(t)
            : number(t);
    const judgeServer = await startFakeChatServer(
      scriptedModel({
        judge: (a, b, r) => {
          const plain = r.body.messages[0]!.content.includes("Likes plain answers.");
          return rank(a, plain) >= rank(b, plain) ? "1" : "2";
        },
      }),
    );
    try {
      const example = fileURLToPath(new URL("../../../examples/persona-loop.mjs", import.meta.url));
      const r = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, [example, poolPath, personasPath], {
          env: { ...process.env, OPENAI_BASE_URL: judgeServer.baseUrl, USERALIGN_LLM_MODEL: "judge" },
          stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
        child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
      });
      expect(r.code).toBe(0);
      const report = JSON.parse(r.stdout) as { winRate: number; personas: { persona: string; choice: string; win: number }[] };
      expect(report.personas.map((p) => [p.persona, p.choice, p.win])).toEqual([
        ["fan of 2", "interest-2", 1],
        ["baseline lover", expect.any(String), 0],
      ]);
      expect(report.winRate).toBe(0.5);
      expect(r.stderr).toContain("fan of 2: interest-2 after");
    } finally {
      await judgeServer.close();
    }
  });
});
