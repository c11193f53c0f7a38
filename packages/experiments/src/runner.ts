import { cpuUsage } from "node:process";
import { localExecutor, type TaskExecutor } from "./executor.js";
import { planFingerprint, planTasks, type ExperimentPlan } from "./plan.js";
import { createProgress, type ProgressOptions } from "./progress.js";
import { openResultsFile } from "./results-file.js";
import { deriveSeed } from "./seed.js";
import { expectedRecords } from "./run-task.js";
import { taskKey, type ResultRecord } from "./task.js";

/** Options of {@link runExperiment}. */
export interface RunOptions {
  /** JSONL results file: appended per task; a rerun skips the tasks already in it. @default none (memory only) */
  out?: string;
  /** Worker threads (0 = this thread). @default 0 */
  workers?: number;
  /** The compiled worker script (see `defaultWorkerUrl`). */
  workerUrl?: URL;
  /** Where the tasks run. @default localExecutor({ workers, workerUrl }) */
  executor?: TaskExecutor;
  /** Progress bar; omit for none. */
  progress?: ProgressOptions;
  /** Clock for the timings. @default performance.now */
  now?: () => number;
}

/** What a run did. */
export interface RunOutcome {
  /** The plan's records, in plan order (earlier runs' and this run's). */
  records: ResultRecord[];
  tasks: number;
  /** Tasks run now (the rest came from the results file). */
  ran: number;
  skipped: number;
  wallMs: number;
  /** CPU time of the whole process (all threads), as process.cpuUsage reports it. */
  cpuMs: number;
}

/**
 * Runs a plan: plans the tasks, skips those already complete in `out`, runs the rest (on worker
 * threads when `workers` > 0, or through `executor`) with a progress bar, appends each task's
 * records as it finishes.
 * Records depend only on the plan, never on worker count or order.
 */
export async function runExperiment(plan: ExperimentPlan, options: RunOptions = {}): Promise<RunOutcome> {
  const now = options.now ?? (() => performance.now());
  const t0 = now();
  const cpu0 = cpuUsage();
  const tasks = planTasks(plan);
  const file = options.out ? openResultsFile(options.out, planFingerprint(plan)) : null;
  const byTask = new Map<string, ResultRecord[]>();
  for (const r of file?.records ?? []) {
    const list = byTask.get(r.task) ?? [];
    list.push(r);
    byTask.set(r.task, list);
  }
  const complete = (key: string, n: number) => (byTask.get(key)?.length ?? 0) >= n;
  // Run in a fixed pseudo-random order: slow domains (sphere512) are spread over the run instead of
  // coming last, so the ETA is honest and the workers finish together. Records do not depend on it.
  const todo = tasks
    .filter((t) => !complete(taskKey(t), expectedRecords(t, plan.settings)))
    .map((t) => ({ t, k: deriveSeed([taskKey(t)]) }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.t);
  const progress = options.progress ? createProgress(todo.length, options.progress) : null;
  const executor =
    options.executor ??
    localExecutor({
      ...(options.workers === undefined ? {} : { workers: options.workers }),
      ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
    });
  // Recorded once per run even if an executor reports a task twice (a queue may finish a task
  // twice when a worker it thought dead comes back).
  const recorded = new Set<string>();
  await executor(todo, {
    plan,
    onTask: (task, records) => {
      const key = taskKey(task);
      if (recorded.has(key)) return;
      recorded.add(key);
      // A partial task from an interrupted run is replaced, not added to.
      byTask.set(key, records);
      file?.append(records);
      progress?.tick();
    },
  });
  const records = tasks.flatMap((t) => (byTask.get(taskKey(t)) ?? []).slice(-expectedRecords(t, plan.settings)));
  const cpu = cpuUsage(cpu0);
  return {
    records,
    tasks: tasks.length,
    ran: todo.length,
    skipped: tasks.length - todo.length,
    wallMs: now() - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}
