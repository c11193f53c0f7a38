import { hostname } from "node:os";
import { isUserAlignError } from "@useralign/core";
import { createTaskPool, taskKey, type Task, type TaskPool } from "@useralign/experiments";
import { UnrecoverableError, Worker } from "bullmq";
import { connectRedis, sleep } from "./connection.js";
import { parseJobData } from "./job-data.js";
import { parseRedisUrl, redactRedisUrl, redisOptions } from "./redis-url.js";
import { KEY_PREFIX, loadSweep, SWEEPS_KEY } from "./sweep.js";

/** Options of {@link startQueueWorker}. */
export interface QueueWorkerOptions {
  /** `redis://[USER:PASSWORD@]HOST:PORT[/DB]` or `rediss://…`. */
  url: string;
  /** Tasks run at once, each on its own thread. @default 1 */
  concurrency?: number;
  /** How often the published sweeps are looked up. @default 1000 */
  pollMs?: number;
  /** Where status lines go (the CLI: stderr): what runs, what finished, outages. @default none */
  log?: (line: string) => void;
  /**
   * Called before each task runs, in this process. An injectable hook (the tests slow tasks down
   * to kill a worker mid-task, or make one throw); it has no effect on a task's records.
   */
  beforeTask?: (task: Task) => void | Promise<void>;
  /** The experiments worker-thread script (see `defaultWorkerUrl` of `@useralign/experiments`). */
  workerUrl?: URL;
}

/** A running queue worker. */
export interface QueueWorker {
  /** Stops taking tasks, lets the running ones finish, and disconnects. */
  stop(): Promise<void>;
}

interface Serving {
  readonly worker: Worker;
  readonly pool: TaskPool;
  misses: number;
}

// A sweep missing from Redis for this many lookups in a row is closed: once for good when its
// submitter finished; a Redis restart only hides it until the submitter publishes it again.
const MISSES_TO_CLOSE = 3;

/**
 * Serves every published sweep: for each, a BullMQ worker whose tasks run on a pool of
 * `concurrency` threads (so this process's event loop stays free to renew the task locks while a
 * task computes for minutes). Workers on any number of machines can serve the same sweeps.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const target = parseRedisUrl(options.url);
  const concurrency = options.concurrency ?? 1;
  const pollMs = options.pollMs ?? 1000;
  const me = `${hostname()}:${process.pid}`;
  const log = (line: string) => options.log?.(`worker ${me}: ${line}`);
  const redis = connectRedis(target, options.url, log);
  const serving = new Map<string, Serving>();
  const broken = new Set<string>();

  const open = async (name: string) => {
    const spec = await loadSweep(redis, name);
    if (!spec) return;
    const pool = createTaskPool(spec.datasets, spec.settings, {
      workers: concurrency,
      ...(options.workerUrl ? { workerUrl: options.workerUrl } : {}),
    });
    const worker = new Worker(
      name,
      async (job) => {
        let task: Task;
        try {
          task = parseJobData(job.data);
        } catch (e) {
          throw new UnrecoverableError((e as Error).message);
        }
        const key = taskKey(task);
        log(`run ${key} (${name}, attempt ${job.attemptsMade + 1})`);
        const t0 = performance.now();
        await options.beforeTask?.(task);
        try {
          const records = await pool.run(task);
          log(`done ${key} in ${Math.round(performance.now() - t0)} ms`);
          return records;
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          log(`error ${key}: ${message}`);
          // Bad input fails the same way every time: no point retrying it.
          throw isUserAlignError(e, "invalid_input") ? new UnrecoverableError(message) : e;
        }
      },
      {
        connection: redisOptions(target),
        prefix: KEY_PREFIX,
        concurrency,
        lockDuration: spec.queue.lockMs,
        stalledInterval: spec.queue.stalledMs,
        maxStalledCount: spec.queue.maxStalled,
      },
    );
    // Connection errors are reported by the lookup connection; an unhandled 'error' would end the process.
    worker.on("error", () => {});
    serving.set(name, { worker, pool, misses: 0 });
    log(`serving ${name} with ${concurrency} thread(s)`);
  };
  const close = async (name: string) => {
    const s = serving.get(name)!;
    serving.delete(name);
    await s.worker.close();
    await s.pool.close();
    log(`closed ${name}`);
  };
  const lookup = async () => {
    const names = new Set(await redis.smembers(SWEEPS_KEY));
    for (const name of names) {
      if (serving.has(name)) serving.get(name)!.misses = 0;
      else if (!broken.has(name)) {
        try {
          await open(name);
        } catch (e) {
          // A spec this worker cannot read is skipped, not retried every second.
          broken.add(name);
          log(`cannot serve ${name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    }
    for (const [name, s] of serving) {
      if (!names.has(name) && ++s.misses >= MISSES_TO_CLOSE) await close(name);
    }
  };

  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        await lookup();
      } catch (e) {
        log(`lookup failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      await sleep(pollMs);
    }
  })();
  log(`waiting for sweeps on ${redactRedisUrl(options.url)}`);
  return {
    async stop() {
      stopped = true;
      await loop;
      for (const name of [...serving.keys()]) await close(name);
      redis.disconnect();
    },
  };
}
