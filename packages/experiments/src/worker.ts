/**
 * Worker-thread entry: receives the datasets and settings once, then runs tasks on request.
 * Node only (node:worker_threads).
 */
import { parentPort, workerData } from "node:worker_threads";
import type { Dataset } from "@useralign/domains";
import { runTask } from "./run-task.js";
import type { RunSettings } from "./settings.js";
import type { Task } from "./task.js";

interface Init {
  datasets: Record<string, Dataset>;
  settings: RunSettings;
}

const { datasets, settings } = workerData as Init;
parentPort!.on("message", (msg: { id: number; task: Task }) => {
  runTask(msg.task, datasets[msg.task.domain]!, settings).then(
    (records) => parentPort!.postMessage({ id: msg.id, records }),
    (e: unknown) =>
      parentPort!.postMessage({
        id: msg.id,
        error: { message: e instanceof Error ? e.message : String(e), code: (e as { code?: unknown }).code },
      }),
  );
});
