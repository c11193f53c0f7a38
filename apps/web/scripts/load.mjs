#!/usr/bin/env node
// Simulated participants against a running study server: checks a deployment can take them, and
// measures throughput from a separate process. It stores real answers: use a throwaway database.
//   pnpm --filter @useralign/web build
//   node apps/cli/dist/main.js serve --study examples/study.json --db /tmp/load.sqlite --port 8090 &
//   node apps/web/scripts/load.mjs --url http://127.0.0.1:8090 --participants 50 --server-pid $!
// With --server-pid (Linux), it also reports the server process's CPU time per answer, read from
// /proc: the figure that does not depend on how busy the machine is.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { runLoad } from "../dist/index.js";

const { values } = parseArgs({
  options: { url: { type: "string" }, participants: { type: "string", default: "50" }, "server-pid": { type: "string" } },
});
if (!values.url) {
  console.error("usage: node apps/web/scripts/load.mjs --url URL [--participants N] [--server-pid PID]");
  process.exit(2);
}
// utime + stime of a process, ms (fields 14 and 15 of /proc/PID/stat, in clock ticks of 10 ms).
const cpuOf = (pid) => {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
    .replace(/^.*\) /, "")
    .split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const pid = values["server-pid"];
const server0 = pid ? cpuOf(pid) : 0;
const report = await runLoad({ url: values.url, participants: Number(values.participants) });
const serverCpuMs = pid ? cpuOf(pid) - server0 : null;
const round = (x) => Math.round(x * 10) / 10;
const perAnswer = (ms) => Math.round((ms / report.answersSent) * 100) / 100;
const summary = (l) => ({ p50: round(l.p50), p95: round(l.p95), max: round(l.max) });
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
    answerLatencyMs: summary(report.latencyMs),
    latencyByKindMs: {
      join: summary(report.latencyByKind.join),
      single: summary(report.latencyByKind.single),
      double: summary(report.latencyByKind.double),
    },
    clientCpuMsPerAnswer: perAnswer(report.clientCpuMs),
    ...(serverCpuMs === null ? {} : { serverCpuMsPerAnswer: perAnswer(serverCpuMs) }),
  }),
);
