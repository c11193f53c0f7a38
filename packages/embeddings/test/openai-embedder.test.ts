import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { embeddingRow } from "../src/embedder.js";
import { isEmbeddingError, type EmbeddingError } from "../src/errors.js";
import { createOpenAIEmbedder, type OpenAIEmbedderOptions } from "../src/http/openai-embedder.js";

/** A real OpenAI-compatible server whose next answers the test scripts. */
type Reply = (input: string[], res: ServerResponse) => void;

interface Received {
  body: { model: string; input: string[]; encoding_format?: string; dimensions?: number };
  authorization: string | undefined;
}

// The embedding the fake server computes: [length, vowels, 1] — easy to check per input.
const vectorOf = (text: string): number[] => [text.length, (text.match(/[aeiou]/g) ?? []).length, 1];

const ok: Reply = (input, res) =>
  json(res, 200, {
    object: "list",
    model: "fake",
    data: input.map((t, index) => ({ object: "embedding", index, embedding: vectorOf(t) })),
  });

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

let server: Server;
let baseUrl: string;
let script: Reply[] = [];
let received: Received[] = [];
let inFlight = 0;
let maxInFlight = 0;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

beforeAll(async () => {
  server = createServer((req, res) => {
    void (async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on("close", () => inFlight--);
      if (req.method !== "POST" || req.url !== "/v1/embeddings")
        return json(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
      const body = JSON.parse(await readBody(req)) as Received["body"];
      received.push({ body, authorization: req.headers.authorization });
      (script.shift() ?? ok)(body.input, res);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  script = [];
  received = [];
  maxInFlight = 0;
});

const delays: number[] = [];
const make = (options: Partial<OpenAIEmbedderOptions> = {}) =>
  createOpenAIEmbedder({
    model: "fake-embed",
    baseUrl,
    env: {},
    retry: { retries: 2 },
    sleep: async (ms) => void delays.push(ms),
    ...options,
  });

async function failure(promise: Promise<unknown>): Promise<EmbeddingError> {
  const e = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isEmbeddingError(e)) throw new Error(`expected an EmbeddingError, got ${String(e)}`);
  return e;
}

describe("createOpenAIEmbedder against a local server", () => {
  it("embeds in batches, in input order, with the key and model from the environment", async () => {
    const embedder = createOpenAIEmbedder({
      model: "fake-embed",
      env: { OPENAI_BASE_URL: `${baseUrl}/`, OPENAI_API_KEY: "sk-test" },
      batchSize: 2,
    });
    expect(embedder.dimension).toBeUndefined();
    const texts = ["alpha", "be", "cinema", "do", "e"];
    const progress: number[] = [];
    const e = await embedder.embedTexts(texts, { onProgress: (p) => progress.push(p.done) });
    expect(e.count).toBe(5);
    expect(e.dimension).toBe(3);
    texts.forEach((t, i) => expect(Array.from(embeddingRow(e, i))).toEqual(vectorOf(t)));
    expect(received.map((r) => r.body.input.join("|")).sort()).toEqual(["alpha|be", "cinema|do", "e"]);
    expect(
      received.every((r) => r.authorization === "Bearer sk-test" && r.body.model === "fake-embed" && r.body.encoding_format === "float"),
    ).toBe(true);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(5);
    expect(embedder.dimension).toBe(3);
  });

  it("keeps at most `concurrency` requests in flight", async () => {
    // Each answer waits until a second request is in flight (or 500 ms pass), so the limit is reached.
    const slow: Reply = (input, res) => {
      const started = Date.now();
      const poll = (): unknown => (inFlight >= 2 || Date.now() - started > 500 ? setTimeout(() => ok(input, res), 5) : setTimeout(poll, 2));
      poll();
    };
    script = Array.from({ length: 6 }, () => slow);
    await make({ batchSize: 1, concurrency: 2 }).embedTexts(["a", "b", "c", "d", "e", "f"]);
    expect(received).toHaveLength(6);
    expect(maxInFlight).toBe(2);
  });

  it("retries a 429 after the server's Retry-After, then succeeds", async () => {
    delays.length = 0;
    script = [(_, res) => json(res, 429, { error: { message: "rate limited" } }, { "retry-after": "2" })];
    const e = await make().embedTexts(["hello"]);
    expect(Array.from(e.data)).toEqual(vectorOf("hello"));
    expect(received).toHaveLength(2);
    expect(delays).toEqual([2000]);
  });

  it("backs off exponentially on 500s and reports the last status with the server's message", async () => {
    delays.length = 0;
    const boom: Reply = (_, res) => json(res, 500, { error: { message: "model crashed" } });
    script = [boom, boom, boom, boom];
    const e = await failure(make({ retry: { retries: 2, initialDelayMs: 100 } }).embedTexts(["x"]));
    expect(e.reason).toBe("http_status");
    expect(e.code).toBe("provider_error");
    expect(e.status).toBe(500);
    expect(e.message).toBe(`openai: ${baseUrl}/embeddings answered HTTP 500 after 3 attempts: model crashed`);
    expect(received).toHaveLength(3);
    expect(delays).toEqual([100, 200]);
  });

  it("does not retry a 400", async () => {
    script = [(_, res) => json(res, 400, { error: { message: "input too long" } })];
    const e = await failure(make().embedTexts(["x"]));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/answered HTTP 400: input too long$/);
    expect(received).toHaveLength(1);
  });

  it("names a body that is not JSON", async () => {
    script = [(_, res) => (res.writeHead(200, { "content-type": "application/json" }), res.end('{"data": [ oops'))];
    const e = await failure(make().embedTexts(["x"]));
    expect(e.reason).toBe("malformed_response");
    expect(e.message).toBe(`openai: ${baseUrl}/embeddings answered HTTP 200 with a body that is not JSON: "{\\"data\\": [ oops"`);
  });

  it("names the field that is wrong in a JSON body of the wrong shape", async () => {
    script = [(_, res) => json(res, 200, { data: [{ index: 0, embedding: "AAAA" }] })];
    const e = await failure(make().embedTexts(["x"]));
    expect(e.reason).toBe("malformed_response");
    expect(e.message).toContain("data[0].embedding: expected an array of numbers");
    expect(e.issues[0]?.path).toEqual(["data", 0, "embedding"]);
  });

  it("rejects rows of the wrong dimension, and missing rows", async () => {
    script = [(input, res) => json(res, 200, { data: input.map((_, index) => ({ index, embedding: [1, 2] })) })];
    const wrong = await failure(make({ dimension: 3 }).embedTexts(["x", "y"]));
    expect(wrong.reason).toBe("wrong_dimension");
    expect(wrong.message).toBe("openai: the embedding of input 0 has 2 numbers; expected 3.");

    script = [(_, res) => json(res, 200, { data: [{ index: 0, embedding: [1, 2, 3] }] })];
    const missing = await failure(make().embedTexts(["x", "y"]));
    expect(missing.reason).toBe("wrong_dimension");
    expect(missing.message).toMatch(/asked for 2 embeddings and got 1\.$/);

    // Rows that disagree with each other, with no dimension configured.
    script = [
      (_, res) =>
        json(res, 200, {
          data: [
            { index: 0, embedding: [1, 2, 3] },
            { index: 1, embedding: [1] },
          ],
        }),
    ];
    const ragged = await failure(make().embedTexts(["x", "y"]));
    expect(ragged.message).toBe("openai: the embedding of input 1 has 1 numbers; expected 3.");
  });

  it("times out a slow answer, retries it, then fails with `timeout`", async () => {
    const slow: Reply = (input, res) => setTimeout(() => res.writable && ok(input, res), 2000);
    script = [slow, slow];
    const started = Date.now();
    const e = await failure(make({ timeoutMs: 60, retry: { retries: 1 } }).embedTexts(["x"]));
    expect(e.reason).toBe("timeout");
    expect(e.message).toBe(`openai: ${baseUrl}/embeddings did not answer within 60 ms (2 attempts).`);
    expect(received).toHaveLength(2);
    // Waiting for the server's answers would take 4 s; two 60 ms timeouts leave a wide margin for load.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("recovers when only the first answer is slow", async () => {
    script = [(input, res) => setTimeout(() => res.writable && ok(input, res), 1000)];
    const e = await make({ timeoutMs: 150 }).embedTexts(["abc"]);
    expect(received).toHaveLength(2);
    expect(Array.from(e.data)).toEqual(vectorOf("abc"));
  });

  it("aborts in-flight requests when the caller's signal fires", async () => {
    const controller = new AbortController();
    // Cancel once the server holds the request, so the abort hits it in flight.
    script = [
      (input, res) => {
        controller.abort(new Error("user cancelled"));
        setTimeout(() => res.writable && ok(input, res), 400);
      },
    ];
    await expect(make().embedTexts(["x"], { signal: controller.signal })).rejects.toThrow("user cancelled");
    expect(received).toHaveLength(1);
  });

  it("reports a refused connection as `network`", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const e = await failure(make({ baseUrl: `http://127.0.0.1:${port}/v1`, retry: { retries: 0 } }).embedTexts(["x"]));
    expect(e.reason).toBe("network");
    expect(e.message).toBe(`openai: cannot reach http://127.0.0.1:${port}/v1/embeddings: ECONNREFUSED (1 attempt).`);
  });

  it("sends `dimensions` only when asked", async () => {
    await make({ dimension: 3, requestDimensions: true }).embedTexts(["x"]);
    await make({ dimension: 3 }).embedTexts(["y"]);
    expect(received.map((r) => r.body.dimensions)).toEqual([3, undefined]);
  });

  it("checks its options", () => {
    expect(() => createOpenAIEmbedder({ model: " " })).toThrow(/model must be a non-empty string/);
    expect(() => createOpenAIEmbedder({ model: "m", baseUrl: "localhost:8000" })).toThrow(/must start with http/);
    expect(() => createOpenAIEmbedder({ model: "m", concurrency: 0 })).toThrow(/concurrency must be an integer ≥ 1; got 0/);
  });
});
