#!/usr/bin/env node
// Alternates two builds of the study server under the same load, so that both see the same machine:
//   node apps/web/scripts/bench-ab.mjs --before /path/to/old/apps/web/dist/index.js \
//     --after apps/web/dist/index.js --study examples/study.json --participants 300 --rounds 2
// (--before-study when the old build needs its own copy of the study's files.)
// Each run: a fresh SQLite file, the server in its own process, scripts/load.mjs in another (so the
// client's CPU is not the server's), and one line of JSON with the machine's load average.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    before: { type: "string" },
    after: { type: "string" },
    study: { type: "string" },
    "before-study": { type: "string" },
    participants: { type: "string", default: "300" },
    rounds: { type: "string", default: "2" },
  },
});
if (!values.before || !values.after || !values.study) {
  console.error(
    "usage: node apps/web/scripts/bench-ab.mjs --before DIST_INDEX --after DIST_INDEX --study STUDY.json [--participants N] [--rounds R]",
  );
  process.exit(2);
}
const loadScript = new URL("./load.mjs", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "useralign-bench-"));

// Starts `dist`'s server on a free port; resolves with the child and its URL.
function startServer(dist, study, database) {
  const code = `const { startStudyServer } = await import(${JSON.stringify(resolve(dist))});
const s = await startStudyServer({ study: ${JSON.stringify(resolve(study))}, port: 0, database: ${JSON.stringify(database)}, adminToken: "bench-token", log: () => {} });
console.log(s.url);`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((ok, fail) => {
    child.once("exit", (c) => fail(new Error(`the server exited (${c}) before listening`)));
    child.stdout.once("data", (d) => ok({ child, url: String(d).trim() }));
  });
}

function runLoad(url, pid) {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [loadScript, "--url", url, "--participants", values.participants, "--server-pid", String(pid)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (c) => (c === 0 ? ok(JSON.parse(out)) : fail(new Error(`load.mjs exited with ${c}`))));
  });
}

try {
  for (let round = 1; round <= Number(values.rounds); round++) {
    for (const label of ["before", "after"]) {
      const { child, url } = await startServer(
        values[label],
        (label === "before" && values["before-study"]) || values.study,
        join(dir, `${label}-${round}.sqlite`),
      );
      const load = loadavg()[0].toFixed(1);
      try {
        const r = await runLoad(url, child.pid);
        console.log(
          JSON.stringify({
            label,
            round,
            load,
            answersPerSecond: r.answersPerSecond,
            p50: r.answerLatencyMs.p50,
            p95: r.answerLatencyMs.p95,
            serverCpuMsPerAnswer: r.serverCpuMsPerAnswer,
            clientCpuMsPerAnswer: r.clientCpuMsPerAnswer,
            answers: r.answers,
            retries: r.retries,
          }),
        );
      } finally {
        child.removeAllListeners("exit");
        child.kill();
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
