import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS } from "./settings.js";
import { createTaskPool } from "./task-pool.js";
import type { Task } from "./task.js";

// A stand-in worker script: answers every task with no records, except seed 13, on which the thread
// dies — as a thread would on an out-of-memory abort.
const script = `
import { parentPort } from "node:worker_threads";
parentPort.on("message", ({ id, task }) => {
  if (task.seed === 13) process.exit(3);
  parentPort.postMessage({ id, records: [] });
});`;
const url = new URL(`data:text/javascript,${encodeURIComponent(script)}`);
const task = (seed: number): Task => ({ domain: "d", question: 0, persona: 0, user: "consistent", seed, family: "oracle" });

describe("createTaskPool", () => {
  it("rejects the task of a thread that died and replaces the thread, so later tasks still run", async () => {
    const pool = createTaskPool({}, DEFAULT_SETTINGS, { workers: 1, workerUrl: url });
    try {
      await expect(pool.run(task(13))).rejects.toThrow(/exited \(code 3\)/);
      await expect(pool.run(task(1))).resolves.toEqual([]);
      // More tasks than threads wait their turn.
      await expect(Promise.all([1, 2, 3].map((s) => pool.run(task(s))))).resolves.toEqual([[], [], []]);
    } finally {
      await pool.close();
    }
  });

  it("in this thread, refuses a task of a domain the plan does not have", async () => {
    const pool = createTaskPool({}, DEFAULT_SETTINGS);
    await expect(pool.run(task(1))).rejects.toThrow(/The plan has no domain "d"/);
  });
});
