import { UserAlignError } from "@useralign/core";
import type * as QueueModule from "@useralign/queue";

/** What `simulate --queue` and `worker` need from `@useralign/queue`. */
export type QueuePackage = Pick<typeof QueueModule, "queueExecutor" | "startQueueWorker">;

/** Loads the queue package (a seam so tests can pass a fake or a missing one). */
export type QueueLoader = () => Promise<QueuePackage>;

// Held in a variable: the CLI starts (and its other commands run) without the queue package and
// BullMQ; they load only for `simulate --queue` and `worker`.
const QUEUE_PACKAGE: string = "@useralign/queue";
const importQueue: QueueLoader = () => import(QUEUE_PACKAGE) as Promise<QueuePackage>;

/**
 * Loads `@useralign/queue`; when it is not installed, a `backend_not_found` error that names the
 * package to install.
 */
export async function loadQueue(flag: string, load: QueueLoader = importQueue): Promise<QueuePackage> {
  try {
    return await load();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") {
      throw new UserAlignError(
        "backend_not_found",
        `${flag} needs the package @useralign/queue (BullMQ on Redis); install it with "npm i @useralign/queue" beside useralign.`,
      );
    }
    throw e;
  }
}
