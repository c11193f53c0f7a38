import type { CliIo } from "../io.js";
import { intFlag, parseFlags } from "../flags.js";
import { loadQueue, type QueueLoader } from "../queue-loader.js";
import { untilSignal } from "../until-signal.js";
import { UsageError } from "../usage-error.js";

/** `useralign worker --help`. */
export const WORKER_USAGE = `Usage: useralign worker --queue redis://HOST:PORT[/DB] [--concurrency N]

Runs the tasks of "useralign simulate --queue" sweeps, on this machine, until stopped (Ctrl-C lets
running tasks finish; a second Ctrl-C ends at once). Start one on every machine that should help;
each serves every sweep published on the queue. Logs each task it runs to stderr.

Options:
  --queue URL        the Redis of the sweep: redis://[USER:PASSWORD@]HOST:PORT[/DB], or rediss://… for TLS
  --concurrency N    tasks at once, each on its own thread (default 1; the machine's cores is a good choice)
  -h, --help         show this help

Needs the package @useralign/queue. See docs/experiments.md ("On several machines").
`;

/** Resolves when the worker should stop. */
export type WorkerStop = () => Promise<void>;

/** Seams for tests: how the queue package loads and when the worker stops. */
export interface WorkerSeams {
  load?: QueueLoader;
  stop?: WorkerStop;
}

/** `useralign worker`: serves queued sweeps until stopped. */
export async function workerCommand(args: readonly string[], io: CliIo, seams: WorkerSeams = {}): Promise<number> {
  const flags = parseFlags("worker", args, {
    queue: { type: "string" },
    concurrency: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (flags.help) {
    io.stdout(WORKER_USAGE);
    return 0;
  }
  if (flags.queue === undefined) throw new UsageError("worker needs --queue redis://HOST:PORT[/DB].", "worker");
  const concurrency = intFlag("worker", "concurrency", flags.concurrency, 1) ?? 1;
  const { startQueueWorker } = await loadQueue("useralign worker", seams.load);
  const worker = await startQueueWorker({ url: flags.queue, concurrency, log: (line) => io.stderr(`${line}\n`) });
  await (seams.stop ?? untilSignal)();
  io.stderr("useralign worker: stopping after the running tasks (Ctrl-C again to end now)\n");
  await worker.stop();
  return 0;
}
