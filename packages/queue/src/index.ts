export { parseRedisUrl, redactRedisUrl, redisOptions, type RedisTarget } from "./redis-url.js";
export { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from "./queue-settings.js";
export { sweepName, publishSweep, loadSweep, withdrawSweep, isPublished, KEY_PREFIX, SWEEPS_KEY, type SweepSpec } from "./sweep.js";
export { jobId, parseJobData, parseJobResult } from "./job-data.js";
export { queueExecutor, type QueueExecutorOptions } from "./queue-executor.js";
export { startQueueWorker, type QueueWorkerOptions, type QueueWorker } from "./queue-worker.js";
