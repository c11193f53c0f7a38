import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isUserAlignError } from "@useralign/core";
import { createDomain } from "@useralign/domains";
import {
  aggregate,
  DEFAULT_SETTINGS,
  expectedRecords,
  planTasks,
  runExperiment,
  taskKey,
  type ExperimentPlan,
} from "@useralign/experiments";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { queueExecutor } from "../src/queue-executor.js";
import { ranKeys, recordsPerTask, startTestWorker, until, type Child } from "./harness.js";
import { startRedis, type TestRedis } from "./redis-server.js";

// 12 tasks of a few hundred milliseconds each (with the workers' injected delay).
const plan: ExperimentPlan = {
  datasets: { food2d: createDomain("food2d", { questions: 2, personas: 2 }) },
  users: ["consistent"],
  seeds: [0],
  families: ["useralign", "oracle", "random"],
  settings: { ...DEFAULT_SETTINGS, maxQuestions: 30, maxSteps: 30, steps: 0, traceSteps: 0 },
};
const tasks = planTasks(plan);
// Fast stalled-task recovery, so a killed worker's task is retried within about two seconds.
const fast = { lockMs: 1500, stalledMs: 500, backoffMs: 100 };

let redis: TestRedis;
let local: Awaited<ReturnType<typeof runExperiment>>;
const children: Child[] = [];
const worker = (delayMs: number, failKey?: string) => {
  const w = startTestWorker(redis.url, delayMs, failKey);
  children.push(w);
  return w;
};
const outFile = () => join(mkdtempSync(join(tmpdir(), "useralign-queue-")), "results.jsonl");

/** Every task of the plan recorded exactly once: all its records, no more. */
function expectEachTaskOnce(out: string): void {
  const counts = recordsPerTask(out);
  expect(counts.size).toBe(tasks.length);
  for (const t of tasks) expect(counts.get(taskKey(t)), taskKey(t)).toBe(expectedRecords(t, plan.settings));
}

beforeAll(async () => {
  redis = await startRedis();
  local = await runExperiment(plan, { workers: 0 });
});
afterEach(async () => {
  for (const c of children.splice(0)) {
    c.proc.kill("SIGKILL");
    await c.exit;
  }
});
afterAll(async () => {
  await redis?.stop();
});

describe("simulate on a Redis queue", () => {
  it("gives the local report when one of two workers is killed mid-task; the task is retried elsewhere and recorded once", async () => {
    const out = outFile();
    const a = worker(200);
    const b = worker(200);
    // Both serving before the sweep starts, so neither takes every task while the other starts up.
    await Promise.all([a, b].map((w) => until("a worker to start", () => w.log().includes("waiting for sweeps"))));
    const run = runExperiment(plan, { out, executor: queueExecutor({ url: redis.url, queue: fast, pollMs: 100 }) });
    // Kill A while its second task waits in the injected delay: it holds the task's lock.
    await until("worker A's second task", () => ranKeys(a.log()).length >= 2);
    a.proc.kill("SIGKILL");
    const killed = ranKeys(a.log()).at(-1)!;
    const outcome = await run;

    expect(ranKeys(b.log())).toContain(killed);
    expectEachTaskOnce(out);
    expect(outcome.records).toEqual(local.records);
    expect(aggregate(outcome.records, plan.datasets, plan.settings)).toEqual(aggregate(local.records, plan.datasets, plan.settings));
  });

  it("reports a task that throws with its error after bounded retries, and a rerun retries only it", async () => {
    const out = outFile();
    const bad = taskKey(tasks[3]!);
    const w = worker(0, bad);
    const executor = queueExecutor({ url: redis.url, queue: { ...fast, attempts: 2 }, pollMs: 100 });
    const error = await runExperiment(plan, { out, executor }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isUserAlignError(error, "internal_error")).toBe(true);
    expect((error as Error).message).toContain(`1 of ${tasks.length} task(s) failed`);
    expect((error as Error).message).toContain(`${bad}: injected failure (after 2 attempt(s))`);
    expect(ranKeys(w.log()).filter((k) => k === bad)).toHaveLength(2);
    // Every other task is in the results file.
    expect(recordsPerTask(out).size).toBe(tasks.length - 1);

    w.proc.kill("SIGKILL");
    worker(0);
    const rerun = await runExperiment(plan, { out, executor });
    expect(rerun.ran).toBe(1);
    expectEachTaskOnce(out);
    expect(rerun.records).toEqual(local.records);
  });

  it("completes a sweep across a Redis restart that lost the queue", async () => {
    const out = outFile();
    const w = worker(150);
    let log = "";
    const executor = queueExecutor({ url: redis.url, queue: fast, pollMs: 100, reconcileMs: 500, log: (line) => (log += `${line}\n`) });
    const run = runExperiment(plan, { out, executor });
    await until("three recorded tasks", () => recordsPerTask(out).size >= 3);
    await redis.restart();
    const outcome = await run;
    expect(w.log()).toMatch(/no connection to Redis at redis:\/\/127\.0\.0\.1:\d+.*; retrying/);
    expect(w.log()).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ is back/);
    expect(log).toMatch(/no connection to Redis/);
    // The restarted Redis is empty: the submitter published the sweep and the unfinished tasks again.
    expect(log).toMatch(/publishing it again/);
    expect(log).toMatch(/task\(s\) missing from Redis; queueing them again/);
    expectEachTaskOnce(out);
    expect(outcome.records).toEqual(local.records);
  });
});
