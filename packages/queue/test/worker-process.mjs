// A queue worker process for the tests: the built package, with an injected delay before each task
// (so a test can kill it mid-task) and, optionally, a task that always throws.
// Usage: node worker-process.mjs URL DELAY_MS [FAIL_TASK_KEY]
import { taskKey } from "@useralign/experiments";
import { startQueueWorker } from "../dist/index.js";

const [url, delay, failKey] = process.argv.slice(2);
const worker = await startQueueWorker({
  url,
  concurrency: 1,
  pollMs: 200,
  log: (line) => process.stderr.write(`${line}\n`),
  beforeTask: async (task) => {
    await new Promise((resolve) => setTimeout(resolve, Number(delay)));
    if (failKey !== undefined && taskKey(task) === failKey) throw new Error("injected failure");
  },
});
process.on("SIGTERM", () => void worker.stop().then(() => process.exit(0)));
