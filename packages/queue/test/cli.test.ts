import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, ranKeys, recordsPerTask, startNode, startTestWorker, until, type Child } from "./harness.js";
import { startRedis, type TestRedis } from "./redis-server.js";

// food2d's questions × personas × 3 methods: 36 tasks.
const sweep = [
  "--domains",
  "food2d",
  "--questions",
  "2",
  "--personas",
  "2",
  "--seeds",
  "1",
  "--methods",
  "useralign,oracle,random",
  "--steps",
  "0",
  "--trace-steps",
  "0",
  "--max-questions",
  "30",
  "--max-steps",
  "30",
];
const TASKS = 36;

interface Summary {
  tasks: number;
  ran: number;
  reports: unknown;
}

let redis: TestRedis;
const children: Child[] = [];
const node = (args: string[]) => {
  const c = startNode(args);
  children.push(c);
  return c;
};

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const c of children) {
    c.proc.kill("SIGKILL");
    await c.exit;
  }
  await redis?.stop();
});

describe("useralign simulate --queue and useralign worker (built CLI)", () => {
  it("resumes a killed submitter from --out and the queue without redoing finished tasks; the --json report equals a local run's", async () => {
    const local = node([CLI, "simulate", ...sweep, "--workers", "0", "--json"]);
    const out = join(mkdtempSync(join(tmpdir(), "useralign-queue-cli-")), "results.jsonl");
    const cliWorker = node([CLI, "worker", "--queue", redis.url]);
    const slowWorker = startTestWorker(redis.url, 300);
    children.push(slowWorker);

    const first = node([CLI, "simulate", ...sweep, "--queue", redis.url, "--out", out, "--json"]);
    await until("two recorded tasks", () => recordsPerTask(out).size >= 2);
    first.proc.kill("SIGKILL");
    await first.exit;
    // The workers go on while no submitter is running; their results wait in the queue.
    await new Promise((r) => setTimeout(r, 500));

    const second = node([CLI, "simulate", ...sweep, "--queue", redis.url, "--out", out, "--json"]);
    expect(await second.exit, second.log()).toBe(0);
    expect(await local.exit, local.log()).toBe(0);
    const queued = JSON.parse(second.out()) as Summary;
    const reference = JSON.parse(local.out()) as Summary;
    expect(queued.tasks).toBe(TASKS);
    expect(queued.ran).toBeLessThan(TASKS);
    expect(queued.reports).toEqual(reference.reports);
    expect(second.log()).toMatch(/simulate █+ \d+\/\d+ 100%/);
    expect(second.log()).toMatch(/36 tasks \(\d+ run, \d+ resumed\) on queue workers/);

    // Each task ran once over both workers and is in the results file once.
    const ran = [...ranKeys(cliWorker.log()), ...ranKeys(slowWorker.log())];
    expect(ran).toHaveLength(TASKS);
    expect(new Set(ran).size).toBe(TASKS);
    expect(ranKeys(cliWorker.log()).length).toBeGreaterThan(0);
    expect([...recordsPerTask(out).keys()].sort()).toEqual([...new Set(ran)].sort());
  });
});
