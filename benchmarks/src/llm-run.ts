import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { benchCache, benchThroughput, type CacheResult, type ThroughputResult } from "./llm-bench.js";
import { createProgress } from "./progress.js";

/**
 * The LLM client benchmark: requests per second against a local chat-completions server at
 * concurrency 1, 4 and 8 (20 ms simulated latency, and 0 ms for the client's own overhead), and
 * the speed-up of a warm cache on pool generation. Writes results/llm.json and results/llm.md.
 *
 *   node benchmarks/dist/llm-run.js [--quick] [--out DIR]
 */
const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, out: { type: "string" } } });
const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(values.out ?? resolve(here, "../results"));
const calls = values.quick ? 80 : 400;
const throughputRuns = [
  [1, 20],
  [4, 20],
  [8, 20],
  [4, 0],
] as const;
const progress = createProgress(throughputRuns.length + 2, "bench llm");
const throughput: ThroughputResult[] = [];
for (const [concurrency, latency] of throughputRuns) {
  const r = await benchThroughput(concurrency, latency, latency === 0 ? calls * 2 : calls);
  throughput.push(r);
  progress.tick(`concurrency ${concurrency}, latency ${latency} ms: ${r.requests_per_second.toFixed(0)} req/s`);
}
const cache: CacheResult[] = [];
for (const kind of ["file", "memory"] as const) {
  const r = await benchCache(kind, 20, 20);
  cache.push(r);
  progress.tick(`${kind} cache: ${r.speedup.toFixed(0)}× (${r.warm_requests} warm requests)`);
}
if (cache.some((c) => c.warm_requests !== 0)) throw new Error("a warm cache run made requests");
if (throughput.some((t) => t.server_max_in_flight > t.concurrency)) throw new Error("the concurrency limit was exceeded");

const base = throughput[0]!;
const lines = [
  "# LLM client benchmark",
  "",
  `Local chat-completions server (node:http, in-process), ${calls} calls per latency-20 row. Node ${process.version}.`,
  "",
  "| concurrency | server latency (ms) | calls | req/s | × concurrency 1 | server max in flight |",
  "|---:|---:|---:|---:|---:|---:|",
  ...throughput.map(
    (t) =>
      `| ${t.concurrency} | ${t.latency_ms} | ${t.calls} | ${t.requests_per_second.toFixed(0)} | ${t.latency_ms === base.latency_ms ? (t.requests_per_second / base.requests_per_second).toFixed(2) : "–"} | ${t.server_max_in_flight} |`,
  ),
  "",
  "Pool generation (N = 20: 22 chat calls, 20 ms latency each, concurrency 4), cold then warm through the same cache:",
  "",
  "| cache | cold (ms) | warm (ms) | speed-up | cold requests | warm requests |",
  "|---|---:|---:|---:|---:|---:|",
  ...cache.map(
    (c) =>
      `| ${c.cache} | ${c.cold_ms.toFixed(1)} | ${c.warm_ms.toFixed(1)} | ${c.speedup.toFixed(0)}× | ${c.cold_requests} | ${c.warm_requests} |`,
  ),
  "",
];
mkdirSync(outDir, { recursive: true });
writeFileSync(resolve(outDir, "llm.json"), `${JSON.stringify({ node: process.version, throughput, cache }, null, 2)}\n`);
writeFileSync(resolve(outDir, "llm.md"), lines.join("\n"));
process.stdout.write(lines.join("\n"));
