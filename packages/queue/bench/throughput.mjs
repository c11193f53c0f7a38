// Throughput of `useralign simulate` locally (--workers 1, 2) and on the Redis queue (1 and 2
// `useralign worker` processes), alternating the four set-ups round by round so they share the
// machine's load; and the queue's overhead per task on a plan of trivially small tasks.
// Usage (after pnpm build, with redis-server on PATH):
//   node packages/queue/bench/throughput.mjs [--rounds 2] [--seeds 4]
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "2" }, seeds: { type: "string", default: "4" } } });
const CLI = fileURLToPath(new URL("../../../apps/cli/dist/main.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "useralign-queue-bench-"));
const plans = {
  // sphere64: 10 questions × 3 personas × seeds × 2 families; tasks of ~50–500 ms.
  work: [
    "--domains",
    "sphere64",
    "--questions",
    "10",
    "--personas",
    "3",
    "--seeds",
    values.seeds,
    "--methods",
    "useralign,iidbest",
    "--steps",
    "0",
    "--trace-steps",
    "0",
  ],
  // food2d ORACLE and RANDOM: tasks of about a millisecond, so the wall time is the queue's own.
  tiny: [
    "--domains",
    "food2d",
    "--seeds",
    String(Number(values.seeds) * 5),
    "--methods",
    "oracle,random",
    "--steps",
    "0",
    "--trace-steps",
    "0",
  ],
};

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], {
  stdio: "ignore",
});
await new Promise((r) => setTimeout(r, 500));
const url = `redis://127.0.0.1:${port}`;

function node(args) {
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  proc.stdout.on("data", (d) => (out += d));
  proc.stderr.on("data", (d) => (err += d));
  const exit = new Promise((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, exit, out: () => out, err: () => err };
}

let run = 0;
/** Wall time of one sweep in seconds (the submitter's process, start to exit) and its task count. */
async function sweep(plan, setup) {
  const args = [...plans[plan], "--json"];
  const workers = [];
  if (setup.startsWith("queue")) {
    // Workers are started (and idle) before the sweep, as on a cluster that serves many sweeps.
    for (let i = 0; i < Number(setup.at(-1)); i++) workers.push(node(["worker", "--queue", url, "--concurrency", "1"]));
    await new Promise((r) => setTimeout(r, 1500));
    args.push("--queue", url, "--out", join(dir, `r${run++}.jsonl`));
  } else {
    args.push("--workers", setup.at(-1));
  }
  const t0 = performance.now();
  const sub = node(["simulate", ...args]);
  const code = await sub.exit;
  const wall = (performance.now() - t0) / 1000;
  for (const w of workers) w.proc.kill("SIGTERM");
  await Promise.all(workers.map((w) => w.exit));
  if (code !== 0) throw new Error(`${setup} failed:\n${sub.err()}`);
  return { wall, tasks: JSON.parse(sub.out()).tasks };
}

const setups = ["local-1", "local-2", "queue-1", "queue-2"];
const results = {};
for (const plan of Object.keys(plans)) {
  for (let r = 0; r < Number(values.rounds); r++) {
    // Alternate the order too, so no set-up always runs first in a round.
    const order = r % 2 === 0 ? setups : [...setups].reverse();
    for (const s of order) {
      const load = loadavg()[0].toFixed(1);
      const { wall, tasks } = await sweep(plan, s);
      (results[`${plan} ${s}`] ??= []).push(wall);
      console.error(`${plan} ${s} round ${r + 1}: ${tasks} tasks, ${wall.toFixed(1)} s (load ${load})`);
      results[`${plan} tasks`] = tasks;
    }
  }
}
redis.kill("SIGKILL");
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const means = Object.fromEntries(
  Object.entries(results)
    .filter(([, v]) => Array.isArray(v))
    .map(([k, v]) => [k, mean(v)]),
);
// The queue's cost per task: the extra wall time of one queue worker over one local thread on
// tasks that take about a millisecond (it includes the sweep's fixed start-up, ~1 s).
const overheadMs = ((means["tiny queue-1"] - means["tiny local-1"]) / results["tiny tasks"]) * 1000;
console.log(JSON.stringify({ load1: loadavg()[0], results, means, overheadMsPerTask: overheadMs }, null, 1));
