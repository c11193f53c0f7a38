#!/usr/bin/env node
// Simulated participants against a running study server: checks a deployment can take them, and
// measures throughput from a separate process. It stores real answers: use a throwaway database.
//   pnpm --filter @useralign/web build
//   node apps/cli/dist/main.js serve --study examples/study.json --db /tmp/load.sqlite --port 8090 &
//   node apps/web/scripts/load.mjs --url http://127.0.0.1:8090 --participants 50
import { parseArgs } from "node:util";
import { runLoad } from "../dist/index.js";

const { values } = parseArgs({ options: { url: { type: "string" }, participants: { type: "string", default: "50" } } });
if (!values.url) {
  console.error("usage: node apps/web/scripts/load.mjs --url URL [--participants N]");
  process.exit(2);
}
const report = await runLoad({ url: values.url, participants: Number(values.participants) });
const round = (x) => Math.round(x * 10) / 10;
console.log(
  JSON.stringify({
    participants: report.participants,
    requests: report.requests,
    answers: report.answersSent,
    replays: report.replays,
    duplicatesReported: report.duplicatesReported,
    retries: report.retries,
    seconds: round(report.seconds),
    requestsPerSecond: round(report.requestsPerSecond),
    answersPerSecond: round(report.answersPerSecond),
    answerLatencyMs: { p50: round(report.latencyMs.p50), p95: round(report.latencyMs.p95), max: round(report.latencyMs.max) },
  }),
);
