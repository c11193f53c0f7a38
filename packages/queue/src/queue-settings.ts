/**
 * How the queue treats jobs: retries of a task that throws, and how fast a task whose worker died
 * is handed to another worker. The submitter publishes them with the sweep, so every worker of a
 * sweep applies the same values.
 */
export interface QueueSettings {
  /** Runs of a task that throws before it is reported as failed. @default 3 */
  readonly attempts: number;
  /** Pause before retrying a task that threw. @default 1000 */
  readonly backoffMs: number;
  /**
   * How long a worker's lock on a running task lasts; the worker renews it every half of this while
   * the task runs. A killed worker's task is retried once its lock has expired. @default 30000
   */
  readonly lockMs: number;
  /** How often workers look for tasks whose lock expired (stalled tasks). @default 15000 */
  readonly stalledMs: number;
  /** Times a task may stall (its worker died) before it is reported as failed. @default 3 */
  readonly maxStalled: number;
}

/** The defaults of {@link QueueSettings}. */
export const DEFAULT_QUEUE_SETTINGS: QueueSettings = { attempts: 3, backoffMs: 1000, lockMs: 30_000, stalledMs: 15_000, maxStalled: 3 };
