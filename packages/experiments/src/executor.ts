import type { Dataset } from "@useralign/domains";
import type { ExperimentPlan } from "./plan.js";
import type { RunSettings } from "./settings.js";
import type { ResultRecord, Task } from "./task.js";
import { createTaskPool, type TaskPoolOptions } from "./task-pool.js";

/** Options of {@link executeTasks}. */
export interface ExecuteOptions extends TaskPoolOptions {
  /** Called as each task finishes (in completion order, which varies; records do not). */
  onTask?: (task: Task, records: ResultRecord[]) => void;
}

/** What an executor is given besides the tasks to run. */
export interface ExecutorContext {
  /** The whole plan (the tasks to run are some of its tasks). */
  readonly plan: ExperimentPlan;
  /** Report a finished task's records; the runner records each task once and ignores repeats. */
  onTask(task: Task, records: ResultRecord[]): void;
}

/**
 * Where a run's tasks execute: threads of this process ({@link localExecutor}, the default) or
 * elsewhere (the Redis queue of `@useralign/queue`). Resolves when every task has been reported;
 * rejects when one cannot be run.
 */
export type TaskExecutor = (tasks: readonly Task[], context: ExecutorContext) => Promise<void>;

/** The executor of {@link executeTasks}: this process, on `workers` threads. */
export function localExecutor(options: TaskPoolOptions = {}): TaskExecutor {
  return async (tasks, { plan, onTask }) => {
    await executeTasks(tasks, plan.datasets, plan.settings, { ...options, onTask });
  };
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
  const pool = createTaskPool(datasets, settings, { workers, ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}) });
  let next = 0;
  let failed = false;
  // One lane per thread, each taking the next task when its last one is done.
  const lane = async () => {
    while (!failed && next < tasks.length) {
      const id = next++;
      try {
        out[id] = await pool.run(tasks[id]!);
      } catch (e) {
        failed = true;
        throw e;
      }
      options.onTask?.(tasks[id]!, out[id]!);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, workers) }, lane));
  } finally {
    await pool.close();
  }
  return out;
}
