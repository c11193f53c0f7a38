import { Worker } from "node:worker_threads";
import { UserAlignError, type UserAlignErrorCode } from "@useralign/core";
import type { Dataset } from "@useralign/domains";
import { runTask } from "./run-task.js";
import type { RunSettings } from "./settings.js";
import type { ResultRecord, Task } from "./task.js";

/** Options of {@link createTaskPool}. */
export interface TaskPoolOptions {
  /** Worker threads; 0 runs tasks in this thread. @default 0 */
  workers?: number;
  /** The compiled worker script. @default dist/worker.js beside this module */
  workerUrl?: URL;
}

/** Runs tasks one per thread; a caller may start more than `workers` at once (they wait their turn). */
export interface TaskPool {
  /** The records of one task; rejects with the task's error (a `UserAlignError` keeps its code). */
  run(task: Task): Promise<ResultRecord[]>;
  /** Stops the threads; tasks still running reject. */
  close(): Promise<void>;
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

interface Reply {
  id: number;
  records?: ResultRecord[];
  error?: { message: string; code?: unknown };
}

/**
 * A pool of `worker_threads`, each given the datasets once, that runs tasks on request. The local
 * executor and the queue worker (`@useralign/queue`) both run their tasks through it, so a task
 * runs the same code wherever it is scheduled.
 */
export function createTaskPool(
  datasets: Readonly<Record<string, Dataset>>,
  settings: RunSettings,
  options: TaskPoolOptions = {},
): TaskPool {
  const size = options.workers ?? 0;
  if (size <= 0) {
    return {
      run: (task) => {
        const dataset = datasets[task.domain];
        if (!dataset)
          return Promise.reject(
            new UserAlignError("invalid_input", `The plan has no domain "${task.domain}".`, [
              { path: ["domain"], message: "unknown domain" },
            ]),
          );
        return runTask(task, dataset, settings);
      },
      close: async () => {},
    };
  }
  const url = options.workerUrl ?? defaultWorkerUrl();
  const spawn = () =>
    new Worker(url, {
      workerData: { datasets, settings },
      // Not the parent's flags: under a test runner they carry a source-only export condition,
      // which would make the compiled worker import TypeScript.
      execArgv: [],
    });
  const threads = new Set<Worker>();
  const idle: Worker[] = [];
  const waiting: ((w: Worker) => void)[] = [];
  for (let i = 0; i < size; i++) {
    const w = spawn();
    threads.add(w);
    idle.push(w);
  }
  const acquire = () => (idle.length > 0 ? Promise.resolve(idle.pop()!) : new Promise<Worker>((resolve) => waiting.push(resolve)));
  const release = (w: Worker) => {
    const next = waiting.shift();
    if (next) next(w);
    else idle.push(w);
  };
  let closed = false;
  let seq = 0;
  return {
    async run(task) {
      if (closed) throw new UserAlignError("internal_error", "The task pool is closed.");
      let w = await acquire();
      let crashed = false;
      try {
        return await new Promise<ResultRecord[]>((resolve, reject) => {
          const id = seq++;
          const done = () => {
            w.off("message", onMessage);
            w.off("error", onError);
            w.off("exit", onExit);
          };
          const onMessage = (msg: Reply) => {
            if (msg.id !== id) return;
            done();
            if (msg.error) {
              const code = (typeof msg.error.code === "string" ? msg.error.code : "internal_error") as UserAlignErrorCode;
              reject(new UserAlignError(code, `Task ${JSON.stringify(task)} failed in a worker: ${msg.error.message}`));
            } else resolve(msg.records!);
          };
          const onError = (e: Error) => {
            done();
            crashed = true;
            reject(e);
          };
          const onExit = (exitCode: number) => {
            done();
            crashed = true;
            reject(new UserAlignError("internal_error", `The worker thread running ${JSON.stringify(task)} exited (code ${exitCode}).`));
          };
          w.on("message", onMessage);
          w.on("error", onError);
          w.on("exit", onExit);
          w.postMessage({ id, task });
        });
      } finally {
        // A thread that died is replaced, so one crash does not shrink the pool for later tasks.
        if (crashed && !closed) {
          threads.delete(w);
          w = spawn();
          threads.add(w);
        }
        if (!closed) release(w);
      }
    },
    async close() {
      closed = true;
      await Promise.all([...threads].map((w) => w.terminate()));
    },
  };
}
