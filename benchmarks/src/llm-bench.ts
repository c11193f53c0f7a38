import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createChatClient, createMemoryCache, generatePool } from "@useralign/llm";
import { createFileCache } from "@useralign/llm/node";
import { completionBody, scriptedModel, startFakeChatServer } from "@useralign/llm/testing";

/** Throughput of the chat client at one concurrency against a local server with fixed latency. */
export interface ThroughputResult {
  concurrency: number;
  latency_ms: number;
  calls: number;
  seconds: number;
  requests_per_second: number;
  /** Most requests the server saw at once (must not exceed `concurrency`). */
  server_max_in_flight: number;
}

/**
 * Sends `calls` distinct requests (distinct seeds, so no cache and no server-side repeats) to a
 * local chat-completions server that waits `latencyMs` before answering.
 */
export async function benchThroughput(concurrency: number, latencyMs: number, calls: number): Promise<ThroughputResult> {
  const server = await startFakeChatServer(() => ({ delayMs: latencyMs, body: completionBody("A short answer.") }));
  try {
    const client = createChatClient({ baseUrl: server.baseUrl, model: "bench", env: {}, concurrency });
    const start = performance.now();
    await Promise.all(
      Array.from({ length: calls }, (_, seed) => client.complete({ messages: [{ role: "user", content: "Hi" }], temperature: 0.5, seed })),
    );
    const seconds = (performance.now() - start) / 1000;
    return {
      concurrency,
      latency_ms: latencyMs,
      calls,
      seconds,
      requests_per_second: calls / seconds,
      server_max_in_flight: server.maxInFlight,
    };
  } finally {
    await server.close();
  }
}

/** Cold vs warm generation of one pool through a cache. */
export interface CacheResult {
  cache: "file" | "memory";
  n: number;
  latency_ms: number;
  cold_ms: number;
  warm_ms: number;
  speedup: number;
  cold_requests: number;
  warm_requests: number;
}

/**
 * Generates an N-candidate pool (Appendix D scheme) twice through the same cache against a local
 * server with `latencyMs` per request; the second run must make zero requests.
 */
export async function benchCache(kind: "file" | "memory", n: number, latencyMs: number): Promise<CacheResult> {
  const answer = scriptedModel();
  const server = await startFakeChatServer(async (request, index) => {
    await new Promise((resolve) => setTimeout(resolve, latencyMs));
    return answer(request, index);
  });
  const dir = kind === "file" ? await mkdtemp(join(tmpdir(), "useralign-bench-cache-")) : undefined;
  try {
    const cache = dir === undefined ? createMemoryCache() : createFileCache(dir);
    const run = async () => {
      const client = createChatClient({ baseUrl: server.baseUrl, model: "bench", env: {}, concurrency: 4, cache });
      const start = performance.now();
      await generatePool({ client, question: "What should I cook tonight?", n });
      return { ms: performance.now() - start, requests: client.stats().requests };
    };
    const cold = await run();
    const warm = await run();
    return {
      cache: kind,
      n,
      latency_ms: latencyMs,
      cold_ms: cold.ms,
      warm_ms: warm.ms,
      speedup: cold.ms / warm.ms,
      cold_requests: cold.requests,
      warm_requests: warm.requests,
    };
  } finally {
    await server.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  }
}
