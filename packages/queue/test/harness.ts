import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The built CLI. */
export const CLI = fileURLToPath(new URL("../../../apps/cli/dist/main.js", import.meta.url));
const WORKER = fileURLToPath(new URL("./worker-process.mjs", import.meta.url));

/** A child process whose stderr is collected. */
export interface Child {
  readonly proc: ChildProcess;
  /** stderr so far. */
  log(): string;
  /** stdout so far. */
  out(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  readonly exit: Promise<number | null>;
}

/** Starts `node ARGS` with collected output. */
export function startNode(args: string[]): Child {
  const proc = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let err = "";
  let out = "";
  proc.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  proc.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  const exit = new Promise<number | null>((resolve) => proc.on("exit", (code) => resolve(code)));
  return { proc, log: () => err, out: () => out, exit };
}

/** A test worker process (see worker-process.mjs): each task waits `delayMs` first. */
export const startTestWorker = (url: string, delayMs: number, failKey?: string) =>
  startNode([WORKER, url, String(delayMs), ...(failKey ? [failKey] : [])]);

/** Polls `check` every 50 ms until it holds, or fails after `timeoutMs`. */
export async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const t0 = Date.now();
  while (!check()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The task keys a worker's log says it started, in order. */
export const ranKeys = (log: string) => [...log.matchAll(/: run (\S+) /g)].map((m) => m[1]!);

/** Records per task key in a results file (the header skipped). */
export function recordsPerTask(path: string): Map<string, number> {
  const counts = new Map<string, number>();
  if (!existsSync(path)) return counts;
  for (const line of readFileSync(path, "utf8").split("\n").slice(1)) {
    if (!line.startsWith("{")) continue;
    const key = (JSON.parse(line) as { task: string }).task;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
