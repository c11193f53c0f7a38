import { isUserAlignError } from "@useralign/core";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryCache } from "../src/cache.js";
import { createChatClient, type ChatClientOptions } from "../src/chat-client.js";
import { ProviderError } from "../src/provider-error.js";
import { completionBody, lastUser, startFakeChatServer, type FakeChatServer, type Script } from "../src/testing/fake-chat-server.js";
import { scaledClock } from "./helpers.js";

let server: FakeChatServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// The scaled clock shortens every wait, the per-attempt timeout too: keep that one far away.
const TIMEOUT = 5_000_000;

async function setup(script: Script, options: ChatClientOptions = {}) {
  server = await startFakeChatServer(script);
  const clock = scaledClock();
  const client = createChatClient({
    baseUrl: server.baseUrl,
    model: "m",
    env: {},
    clock,
    timeoutMs: TIMEOUT,
    retry: { baseDelayMs: 100 },
    ...options,
  });
  return { server, client, clock };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(ProviderError);
    expect(isUserAlignError(e, "provider_error")).toBe(true);
    return e as ProviderError;
  }
  throw new Error("expected the call to fail");
}

const ask = { messages: [{ role: "user" as const, content: "hello" }], temperature: 0.5, seed: 7, maxTokens: 64 };

describe("createChatClient against a local chat-completions server", () => {
  it("sends the request in wire format and returns the first choice", async () => {
    const { server, client } = await setup((req) => `you said ${lastUser(req)}`, { apiKey: "sk-test" });
    const r = await client.complete(ask);
    expect(r).toEqual({
      content: "you said hello",
      finishReason: "stop",
      model: "fake-model",
      usage: { promptTokens: 10, completionTokens: 5 },
      cached: false,
    });
    expect(server.requests).toHaveLength(1);
    const seen = server.requests[0]!;
    expect(seen.body).toEqual({ model: "m", messages: [{ role: "user", content: "hello" }], temperature: 0.5, seed: 7, max_tokens: 64 });
    expect(seen.headers["authorization"]).toBe("Bearer sk-test");
    expect(client.stats()).toMatchObject({ calls: 1, requests: 1, retries: 0, cacheHits: 0 });
  });

  it("retries a 500 and succeeds on the next attempt", async () => {
    const { server, client, clock } = await setup((_, i) => (i === 0 ? { status: 500, body: { error: { message: "boom" } } } : "fine"));
    expect((await client.complete(ask)).content).toBe("fine");
    expect(server.requests).toHaveLength(2);
    expect(client.stats().retries).toBe(1);
    // First retry: 100 ms base with jitter in [½, 1].
    expect(clock.sleeps.filter((ms) => ms !== TIMEOUT)).toEqual([expect.any(Number)]);
    const backoff = clock.sleeps.find((ms) => ms !== TIMEOUT)!;
    expect(backoff).toBeGreaterThanOrEqual(50);
    expect(backoff).toBeLessThanOrEqual(100);
  });

  it("waits at least as long as a 429's Retry-After asks", async () => {
    const { client, clock } = await setup((_, i) =>
      i < 2 ? { status: 429, headers: { "retry-after": "2" }, body: { error: { message: "slow down" } } } : "ok",
    );
    expect((await client.complete(ask)).content).toBe("ok");
    expect(clock.sleeps.filter((ms) => ms !== TIMEOUT)).toEqual([2000, 2000]);
  });

  it("gives up after maxRetries + 1 attempts and says so", async () => {
    const { server, client } = await setup(() => ({ status: 503, body: "upstream down" }), { retry: { maxRetries: 2, baseDelayMs: 10 } });
    const e = await failure(client.complete(ask));
    expect(server.requests).toHaveLength(3);
    expect(e.reason).toBe("http_status");
    expect(e.status).toBe(503);
    expect(e.attempts).toBe(3);
    expect(e.message).toBe(`Chat model at ${server.baseUrl}/chat/completions: HTTP 503: upstream down (gave up after 3 attempts)`);
  });

  it("does not retry a 400 and reports the server's message", async () => {
    const { server, client } = await setup(() => ({ status: 400, body: { error: { message: "model 'm' not found" } } }));
    const e = await failure(client.complete(ask));
    expect(server.requests).toHaveLength(1);
    expect(e.message).toMatch(/HTTP 400: model 'm' not found$/);
    expect(e.attempts).toBe(1);
  });

  it("times out a slow response, and retries it", async () => {
    server = await startFakeChatServer((_, i) => (i <= 1 ? { delayMs: 2000, body: completionBody("late") } : "quick"));
    const opts = { baseUrl: server.baseUrl, model: "m", env: {}, timeoutMs: 150, retry: { baseDelayMs: 1 } };
    const once = createChatClient({ ...opts, retry: { maxRetries: 0 } });
    const e = await failure(once.complete(ask));
    expect(e.reason).toBe("timeout");
    expect(e.message).toMatch(/no complete response within 150 ms$/);
    const twice = createChatClient(opts);
    expect((await twice.complete(ask)).content).toBe("quick");
    expect(twice.stats().retries).toBe(1);
  });

  it("reports a body that is not JSON as malformed, without retrying", async () => {
    const { server, client } = await setup(() => ({ body: "<html>502 Bad Gateway</html>" }));
    const e = await failure(client.complete(ask));
    expect(e.reason).toBe("malformed_response");
    expect(e.message).toMatch(/malformed response: the body is not JSON: "<html>502 Bad Gateway<\/html>"$/);
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [{ choices: [{ message: { content: null } }] }, "choices[0].message.content: expected string, got null"],
    [{ choices: [] }, "choices: expected at least one choice, got none"],
    [{ choices: [{ text: "legacy completion" }] }, "choices[0].message: expected an object, got nothing"],
    [{ object: "chat.completion" }, "choices: expected an array, got nothing"],
    [[1, 2], "(top level): expected an object, got an array"],
  ])("names what is wrong in a response of the wrong shape (%j)", async (body, message) => {
    const { client } = await setup(() => ({ body }));
    const e = await failure(client.complete(ask));
    expect(e.reason).toBe("malformed_response");
    expect(e.message.endsWith(`malformed response: ${message}`)).toBe(true);
    expect(e.issues.length).toBeGreaterThan(0);
  });

  it("never has more requests in flight than the concurrency limit", async () => {
    const { server, client } = await setup(() => ({ delayMs: 40, body: completionBody("x") }), { concurrency: 3 });
    const calls = Array.from({ length: 12 }, (_, i) => client.complete({ ...ask, seed: i }));
    await Promise.all(calls);
    expect(server.requests).toHaveLength(12);
    expect(server.maxInFlight).toBeLessThanOrEqual(3);
    // With 12 slow calls queued, the limit is also reached (the semaphore is not over-serialising).
    expect(server.maxInFlight).toBe(3);
    expect(client.stats().maxInFlight).toBe(3);
  });

  it("serves repeated calls from the cache with zero requests, keyed by every parameter", async () => {
    const cache = createMemoryCache();
    const { server } = await setup((req) => `answer ${req.body.seed}`);
    const first = createChatClient({ baseUrl: server.baseUrl, model: "m", env: {}, cache });
    const run = (c: typeof first) => Promise.all([1, 2, 3].map((seed) => c.complete({ ...ask, seed })));
    const a = await run(first);
    expect(server.requests).toHaveLength(3);
    const second = createChatClient({ baseUrl: server.baseUrl, model: "m", env: {}, cache });
    const b = await run(second);
    expect(server.requests).toHaveLength(3);
    expect(b.map((r) => r.content)).toEqual(a.map((r) => r.content));
    expect(b.every((r) => r.cached)).toBe(true);
    expect(second.stats()).toMatchObject({ calls: 3, cacheHits: 3, requests: 0 });
    await second.complete({ ...ask, seed: 1, temperature: 0.6 });
    await second.complete({ ...ask, seed: 1, model: "other" });
    expect(server.requests).toHaveLength(5);
  });

  it("stops at once when the caller aborts", async () => {
    const { client } = await setup(() => ({ delayMs: 2000, body: completionBody("late") }));
    const controller = new AbortController();
    const pending = client.complete(ask, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    const e = await failure(pending);
    expect(e.reason).toBe("aborted");
    const before = server!.requests.length;
    expect((await failure(client.complete(ask, { signal: controller.signal }))).reason).toBe("aborted");
    expect(server!.requests.length).toBe(before);
  });

  it("reports a refused connection as a network error after retrying", async () => {
    const { server: s } = await setup(() => "unused");
    const baseUrl = s.baseUrl;
    await s.close();
    server = undefined;
    const client = createChatClient({ baseUrl, model: "m", env: {}, clock: scaledClock(), retry: { maxRetries: 1, baseDelayMs: 1 } });
    const e = await failure(client.complete(ask));
    expect(e.reason).toBe("network");
    expect(e.attempts).toBe(2);
    expect(e.message).toMatch(/request failed: ECONNREFUSED/);
  });
});

describe("request checks and seams", () => {
  it.each([
    [{ messages: [] }, "messages: needs at least one message"],
    [{ messages: [{ role: "user", content: "x" }], temperature: Number.NaN }, "temperature: Invalid input: expected number, received NaN"],
    [{ messages: [{ role: "user", content: "x" }], temperature: 3 }, "temperature: Too big: expected number to be <=2"],
    [{ messages: [{ role: "tool", content: "x" }] }, 'messages[0].role: Invalid option: expected one of "system"|"user"|"assistant"'],
    [{ messages: [{ role: "user", content: "x" }], maxTokens: 0 }, "maxTokens: Too small: expected number to be >=1"],
  ])("rejects a bad request before any request is sent (%j)", async (request, message) => {
    let sent = 0;
    const client = createChatClient({
      baseUrl: "http://127.0.0.1:9/v1",
      model: "m",
      env: {},
      fetch: async () => ((sent += 1), new Response("{}")),
    });
    const e = await client.complete(request as never).catch((x: unknown) => x);
    expect(isUserAlignError(e, "invalid_input")).toBe(true);
    expect((e as Error).message).toBe(`Invalid chat request: ${message}`);
    expect(sent).toBe(0);
  });

  it("sends through an injected fetch, with no network at all", async () => {
    const seen: { url: string; body: unknown }[] = [];
    const client = createChatClient({
      baseUrl: "http://example.invalid/v1",
      model: "m",
      env: {},
      fetch: async (url, init) => {
        seen.push({ url, body: JSON.parse(String(init.body)) });
        return new Response(JSON.stringify(completionBody('{"choice": 2}')), { status: 200 });
      },
    });
    expect((await client.complete({ messages: [{ role: "user", content: "q" }], temperature: 0 })).content).toBe('{"choice": 2}');
    expect(seen).toEqual([
      {
        url: "http://example.invalid/v1/chat/completions",
        body: { model: "m", messages: [{ role: "user", content: "q" }], temperature: 0 },
      },
    ]);
  });
});

describe("client configuration", () => {
  it("reads base URL, key and model from the environment", () => {
    const c = createChatClient({ env: { OPENAI_BASE_URL: "http://127.0.0.1:11434/v1/", USERALIGN_LLM_MODEL: "llama3.2" } });
    expect(c.baseUrl).toBe("http://127.0.0.1:11434/v1");
    expect(c.model).toBe("llama3.2");
  });

  it("refuses OpenAI's endpoint without a key, and a request without a model", async () => {
    expect(() => createChatClient({ env: {} })).toThrow(/needs an API key: pass apiKey or set OPENAI_API_KEY/);
    expect(() => createChatClient({ env: {}, baseUrl: "ftp://x" })).toThrow(/must use http or https/);
    const c = createChatClient({ env: {}, baseUrl: "http://127.0.0.1:9/v1" });
    const e = await failure(c.complete(ask));
    expect(e.reason).toBe("configuration");
  });
});
