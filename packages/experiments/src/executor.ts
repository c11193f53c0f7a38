import { Worker } from "node:worker_threads";
import { UserAlignError, type UserAlignErrorCode } from "@useralign/core";
import type { Dataset } from "@useralign/domains";
import { runTask } from "./run-task.js";
import type { RunSettings } from "./settings.js";
import type { ResultRecord, Task } from "./task.js";

/** Options of {@link executeTasks}. */
export interface ExecuteOptions {
  /** Worker threads; 0 runs in this thread. @default 0 */
  workers?: number;
  /** The compiled worker script. @default dist/worker.js beside this module */
  workerUrl?: URL;
  /** Called as each task finishes (in completion order, which varies; records do not). */
  onTask?: (task: Task, records: ResultRecord[]) => void;
}

/**
 * The worker script. When this module runs from TypeScript source (the tests, through the
 * `@useralign/source` condition) there is no ./worker.js beside it, and Node 20 cannot run .ts in a
 * worker: use the built one.
 */
export function defaultWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith(".ts") ? new URL("../dist/worker.js", here) : new URL("./worker.js", here);
}

/** Runs tasks, in-process or spread over worker threads, and returns their records in task order. */
export async function executeTasks(
  tasks: readonly Task[],
  datasets: Readonly<Record<string, Dataset>>,
  settings: RunSettings,
  options: ExecuteOptions = {},
): Promise<ResultRecord[][]> {
  const workers = Math.min(options.workers ?? 0, tasks.length);
  const out: ResultRecord[][] = new Array(tasks.length);
  if (workers <= 0) {
    for (let i = 0; i < tasks.length; i++) {
      out[i] = await runTask(tasks[i]!, datasets[tasks[i]!.domain]!, settings);
      options.onTask?.(tasks[i]!, out[i]!);
    }
    return out;
  }
  const url = options.workerUrl ?? defaultWorkerUrl();
  const pool = Array.from({ length: workers }, () => new Worker(url, {
      workerData: { datasets, settings },
      // Not the parent's flags: under a test runner they carry a source-only export condition,
      // which would make the compiled worker import TypeScript.
      execArgv: [],
    }));
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let running = 0;
      let failed = false;
      const feed = (w: Worker) => {
        if (failed) return;
        if (next >= tasks.length) {
          if (running === 0) resolve();
          return;
        }
        const id = next++;
        running++;
        w.postMessage({ id, task: tasks[id] });
      };
      for (const w of pool) {
        w.on("message", (msg: { id: number; records?: ResultRecord[]; error?: { message: string; code?: unknown } }) => {
          running--;
          if (msg.error) {
            failed = true;
            const code = (typeof msg.error.code === "string" ? msg.error.code : "internal_error") as UserAlignErrorCode;
            reject(new UserAlignError(code, `Task ${JSON.stringify(tasks[msg.id])} failed in a worker: ${msg.error.message}`));
            return;
          }
          out[msg.id] = msg.records!;
          options.onTask?.(tasks[msg.id]!, msg.records!);
          feed(w);
        });
        w.on("error", (e) => {
          failed = true;
          reject(e);
        });
        feed(w);
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  return out;
}
