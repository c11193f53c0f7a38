import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createChatClient } from "../src/chat-client.js";
import { createFileCache } from "../src/file-cache.js";
import { generatePool, type PoolProgress } from "../src/pool-generation.js";
import { ProviderError } from "../src/provider-error.js";
import { lastUser, startFakeChatServer, type FakeChatServer } from "../src/testing/fake-chat-server.js";
import { scriptedModel, type ModelScript } from "../src/testing/scripted-model.js";

const servers: FakeChatServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function setup(script: ModelScript = {}, concurrency = 4) {
  const server = await startFakeChatServer(scriptedModel(script));
  servers.push(server);
  const client = createChatClient({ baseUrl: server.baseUrl, model: "m", env: {}, concurrency, retry: { maxRetries: 0 } });
  return { server, client };
}

describe("generatePool (Appendix D.1)", () => {
  it("makes the baseline at T=0, half plain samples at T=0.5, interests at T=0.8 and one response per interest at T=0.5", async () => {
    const { server, client } = await setup();
    const progress: PoolProgress[] = [];
    const pool = await generatePool({ client, question: "What should I cook tonight?", n: 6, onProgress: (p) => progress.push(p) });
    expect(pool.baseline).toBe("Baseline answer");
    expect(pool.interests).toEqual(["interest 1", "interest 2", "interest 3"]);
    expect(pool.candidates.map((c) => [c.origin, c.text])).toEqual([
      ["plain", "Sample with seed 0"],
      ["interest", "Answer for interest 1"],
      ["plain", "Sample with seed 1"],
      ["interest", "Answer for interest 2"],
      ["plain", "Sample with seed 2"],
      ["interest", "Answer for interest 3"],
    ]);
    expect(pool.shortfall).toBe(0);
    expect(pool.duplicatesDropped).toBe(0);
    // 1 baseline + 3 plain + 1 interest list + 3 per-interest answers.
    expect(server.requests).toHaveLength(8);
    const temperatures = server.requests.map((r) => {
      const user = lastUser(r);
      const kind =
        r.body.temperature === 0
          ? "baseline"
          : user.startsWith("Different people")
            ? "interests"
            : user.includes("main interest is")
              ? "perInterest"
              : "plain";
      return `${kind}@${r.body.temperature}`;
    });
    expect(temperatures.sort()).toEqual([
      "baseline@0",
      "interests@0.8",
      "perInterest@0.5",
      "perInterest@0.5",
      "perInterest@0.5",
      "plain@0.5",
      "plain@0.5",
      "plain@0.5",
    ]);
    expect(server.requests.every((r) => r.body.model === "m")).toBe(true);
    expect(progress[0]).toEqual({ phase: "baseline", done: 0, total: 8 });
    expect(progress.at(-1)).toMatchObject({ done: 8, total: 8 });
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("drops exact repeats and tops up with fresh seeds", async () => {
    const { server, client } = await setup({ plain: (r) => (r.body.seed! < 2 ? "  Same text " : `Sample ${r.body.seed}`) });
    const pool = await generatePool({ client, question: "q", n: 4, interestCount: 1 });
    expect(pool.duplicatesDropped).toBe(1);
    expect(pool.shortfall).toBe(0);
    expect(pool.candidates.map((c) => c.text)).toEqual([
      "Same text",
      "Answer for interest 1",
      "Sample 2",
      expect.stringMatching(/^Sample \d+$/),
    ]);
    // Every request has its own seed (the baseline, at T=0, none), so no two share a cache key.
    expect(new Set(server.requests.map((r) => r.body.seed)).size).toBe(server.requests.length);
  });

  it("stops topping up after maxTopUpRounds and reports the shortfall", async () => {
    const { server, client } = await setup({ plain: () => "always the same", perInterest: () => "always the same" });
    const pool = await generatePool({ client, question: "q", n: 5, maxTopUpRounds: 2 });
    expect(pool.candidates.map((c) => c.text)).toEqual(["always the same"]);
    expect(pool.shortfall).toBe(4);
    // 1 baseline + 3 plain + 1 interests + 2 per-interest, then two rounds of 4 top-ups.
    expect(server.requests).toHaveLength(7 + 8);
  });

  it("re-asks an unreadable interest list once, then gives up with bad_answer", async () => {
    let asked = 0;
    const { client } = await setup({
      interests: () => (asked++ === 0 ? "Here you go: budget, speed" : '```json\n["budget", "speed"]\n```'),
    });
    const pool = await generatePool({ client, question: "q", n: 4 });
    expect(pool.interests).toEqual(["budget", "speed"]);
    expect(asked).toBe(2);
    const bad = await setup({ interests: () => "no list today" });
    const e = await generatePool({ client: bad.client, question: "q", n: 4 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProviderError);
    expect((e as ProviderError).reason).toBe("bad_answer");
    expect((e as ProviderError).message).toBe(
      'The model\'s interest list could not be read twice in a row: expected a JSON array of strings, got "no list today".',
    );
  });

  it("fills missing interests with plain samples and uses given interests without asking", async () => {
    const short = await setup({ interests: () => '["only one"]' });
    const progress: { done: number; total: number }[] = [];
    const pool = await generatePool({ client: short.client, question: "q", n: 6, onProgress: (p) => progress.push(p) });
    // 1 baseline + 1 list + 3 plain + 1 per-interest + 2 top-ups, and the bar ends full.
    expect(short.server.requests).toHaveLength(8);
    expect(progress.at(-1)).toMatchObject({ done: 8, total: 8 });
    expect(progress.every((p) => p.done <= p.total)).toBe(true);
    expect(pool.interests).toEqual(["only one"]);
    expect(pool.candidates.filter((c) => c.origin === "interest")).toHaveLength(1);
    expect(pool.candidates).toHaveLength(6);
    const given = await setup();
    const p2 = await generatePool({ client: given.client, question: "q", n: 4, interests: ["vegan", "spicy", "cheap"] });
    expect(p2.interests).toEqual(["vegan", "spicy"]);
    expect(given.server.requests.some((r) => lastUser(r).startsWith("Different people"))).toBe(false);
  });

  it("keeps within the concurrency limit and reruns from the disk cache with zero requests", async () => {
    const { server } = await setup({}, 2);
    const dir = await mkdtemp(join(tmpdir(), "useralign-pool-"));
    dirs.push(dir);
    const make = () => createChatClient({ baseUrl: server.baseUrl, model: "m", env: {}, concurrency: 2, cache: createFileCache(dir) });
    const first = await generatePool({ client: make(), question: "Plan a weekend in Rome", n: 10 });
    const sent = server.requests.length;
    expect(server.maxInFlight).toBeLessThanOrEqual(2);
    const again = make();
    const second = await generatePool({ client: again, question: "Plan a weekend in Rome", n: 10 });
    expect(server.requests.length).toBe(sent);
    expect(again.stats()).toMatchObject({ requests: 0, cacheHits: sent });
    expect(second).toEqual(first);
  });

  it("stops the queued calls when one fails, and honours the caller's signal", async () => {
    const server = await startFakeChatServer((_, i) => (i === 0 ? { status: 400, body: { error: { message: "bad model" } } } : "never"));
    servers.push(server);
    const client = createChatClient({ baseUrl: server.baseUrl, model: "m", env: {}, concurrency: 1, retry: { maxRetries: 0 } });
    await expect(generatePool({ client, question: "q", n: 10 })).rejects.toThrow(/HTTP 400: bad model$/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.requests).toHaveLength(1);
    const controller = new AbortController();
    controller.abort();
    const e = await generatePool({ client, question: "q", n: 4, signal: controller.signal }).catch((x: unknown) => x);
    expect((e as ProviderError).reason).toBe("aborted");
    expect(server.requests).toHaveLength(1);
  });

  it("resumes from the cache after a failed run, paying only for the calls that did not finish", async () => {
    const model = scriptedModel();
    let failing = true;
    const server = await startFakeChatServer((r, i) =>
      failing && i === 3 ? { status: 400, body: { error: { message: "flaky" } } } : model(r, i),
    );
    servers.push(server);
    const dir = await mkdtemp(join(tmpdir(), "useralign-pool-"));
    dirs.push(dir);
    const make = () =>
      createChatClient({
        baseUrl: server.baseUrl,
        model: "m",
        env: {},
        concurrency: 1,
        retry: { maxRetries: 0 },
        cache: createFileCache(dir),
      });
    await expect(generatePool({ client: make(), question: "q", n: 6 })).rejects.toThrow(/HTTP 400: flaky$/);
    expect(server.requests).toHaveLength(4);
    failing = false;
    const again = make();
    const pool = await generatePool({ client: again, question: "q", n: 6 });
    expect(pool.candidates).toHaveLength(6);
    // 8 calls in all; the 3 that succeeded before the failure come from the cache.
    expect(again.stats()).toMatchObject({ calls: 8, cacheHits: 3, requests: 5 });
  });

  it("rejects bad sizes before any request", async () => {
    const { server, client } = await setup();
    await expect(generatePool({ client, question: "q", n: 1 })).rejects.toThrow("A pool needs n ≥ 2 candidates; got 1.");
    await expect(generatePool({ client, question: " ", n: 4 })).rejects.toThrow("The question is empty.");
    await expect(generatePool({ client, question: "q", n: 4, interestCount: 5 })).rejects.toThrow(
      /interestCount must be an integer in \[0, 4\]/,
    );
    expect(server.requests).toHaveLength(0);
  });
});
