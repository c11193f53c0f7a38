import { UserAlignError } from "@useralign/core";
import { taskKey, type ResultRecord, type Task, type TaskExecutor } from "@useralign/experiments";
import { Queue, type Job } from "bullmq";
import { connectRedis, sleep } from "./connection.js";
import { jobId, parseJobResult } from "./job-data.js";
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from "./queue-settings.js";
import { parseRedisUrl, redactRedisUrl, redisOptions } from "./redis-url.js";
import { isPublished, KEY_PREFIX, publishSweep, sweepName, withdrawSweep } from "./sweep.js";

/** Options of {@link queueExecutor}. */
export interface QueueExecutorOptions {
  /** `redis://[USER:PASSWORD@]HOST:PORT[/DB]` or `rediss://…`. */
  url: string;
  /** Retries and stalled-task recovery (see {@link QueueSettings}). @default DEFAULT_QUEUE_SETTINGS */
  queue?: Partial<QueueSettings>;
  /** How often finished tasks are collected. @default 250 */
  pollMs?: number;
  /** How often the sweep and its jobs are checked for loss (a Redis restarted without persistence). @default 2000 */
  reconcileMs?: number;
  /** Where status lines go (the CLI: stderr). @default none */
  log?: (line: string) => void;
}

/** A task the queue gave up on. */
interface Failure {
  readonly task: Task;
  readonly reason: string;
}

// Jobs read per state per poll: enough to keep up with any number of workers at 4 polls a second.
const BATCH = 500;

/**
 * A `TaskExecutor` that runs a plan's tasks on a BullMQ queue in Redis, served by
 * `useralign worker` processes on any number of machines (see {@link startQueueWorker}).
 *
 * The submitter is the only writer of results: it collects finished jobs, hands each task's
 * records to the runner once (the runner writes the JSONL) and only then deletes the job, so a
 * submitter killed at any point and rerun finds every finished task either in its results file or
 * still in the queue. Jobs are keyed by task, so rerunning never queues a task twice. A task that
 * throws is retried `attempts` times; then the run goes on and, at the end, rejects with every
 * failed task and its error. After a Redis restart that lost the queue, the sweep and the missing
 * jobs are published again.
 */
export function queueExecutor(options: QueueExecutorOptions): TaskExecutor {
  const target = parseRedisUrl(options.url);
  const settings: QueueSettings = { ...DEFAULT_QUEUE_SETTINGS, ...options.queue };
  const log = options.log ?? (() => {});
  const pollMs = options.pollMs ?? 250;
  const reconcileMs = options.reconcileMs ?? 2000;
  return async (tasks, { plan, onTask }) => {
    // Everything is in the results file already: no need for Redis to be up.
    if (tasks.length === 0) return;
    const name = sweepName(plan);
    const redis = connectRedis(target, options.url, log);
    const queue = new Queue(name, { connection: redisOptions(target), prefix: KEY_PREFIX });
    // The shared connection above already reports outages; an unhandled 'error' would end the process.
    queue.on("error", () => {});
    const outstanding = new Map(tasks.map((t) => [jobId(t), t]));
    const failures: Failure[] = [];
    const spec = { datasets: plan.datasets, settings: plan.settings, queue: settings };

    const enqueue = async () => {
      const jobs = [...outstanding].map(([id, task]) => ({
        name: "task",
        data: { task },
        opts: { jobId: id, attempts: settings.attempts, backoff: { type: "fixed", delay: settings.backoffMs } },
      }));
      // Ids already in the queue (waiting, running or finished) are left as they are.
      for (let i = 0; i < jobs.length; i += BATCH) await queue.addBulk(jobs.slice(i, i + BATCH));
    };
    const settle = async (job: Job, outcome: () => ResultRecord[]) => {
      const task = outstanding.get(job.id!);
      if (task) {
        try {
          onTask(task, outcome());
        } catch (e) {
          failures.push({ task, reason: e instanceof Error ? e.message : String(e) });
        }
        outstanding.delete(job.id!);
      }
      // Only after the records are written: a crash in between leaves the job to be found again.
      // A job that cannot be removed now (moving between states) is found and removed next poll.
      await job.remove().catch(() => {});
    };
    const collect = async () => {
      for (const job of await queue.getJobs(["completed"], 0, BATCH - 1)) {
        await settle(job, () => parseJobResult(outstanding.get(job.id!)!, job.returnvalue, plan.settings));
      }
      for (const job of await queue.getJobs(["failed"], 0, BATCH - 1)) {
        await settle(job, () => {
          throw new Error(`${job.failedReason || "failed"} (after ${job.attemptsMade} attempt(s))`);
        });
      }
    };
    const reconcile = async () => {
      if (!(await isPublished(redis, name))) {
        log(`queue ${name}: the sweep is gone from Redis (restarted without persistence?); publishing it again`);
        await publishSweep(redis, name, spec);
      }
      const counts = await queue.getJobCounts(
        "waiting",
        "active",
        "delayed",
        "prioritized",
        "paused",
        "waiting-children",
        "completed",
        "failed",
      );
      const held = Object.values(counts).reduce((a, b) => a + b, 0);
      if (held < outstanding.size) {
        log(`queue ${name}: ${outstanding.size - held} task(s) missing from Redis; queueing them again`);
        await enqueue();
      }
    };

    try {
      await publishSweep(redis, name, spec);
      // A failed task left by an earlier submitter gets a fresh set of attempts.
      for (const job of await queue.getJobs(["failed"], 0, -1)) {
        if (outstanding.has(job.id!)) await job.remove();
      }
      await collect();
      await enqueue();
      log(
        `queue ${name} on ${redactRedisUrl(options.url)}: ${outstanding.size} task(s) queued; start workers with "useralign worker --queue URL"`,
      );
      let reconciled = Date.now();
      while (outstanding.size > 0) {
        await sleep(pollMs);
        await collect();
        if (Date.now() - reconciled >= reconcileMs) {
          await reconcile();
          reconciled = Date.now();
        }
      }
      await withdrawSweep(redis, name);
      await queue.obliterate({ force: true });
    } finally {
      await queue.close();
      redis.disconnect();
    }
    if (failures.length > 0) {
      const lines = failures.map((f) => `  ${taskKey(f.task)}: ${f.reason}`);
      throw new UserAlignError(
        "internal_error",
        `${failures.length} of ${tasks.length} task(s) failed in the queue; the others are in the results file, and a rerun retries only the failed ones:\n${lines.join("\n")}`,
      );
    }
  };
}
