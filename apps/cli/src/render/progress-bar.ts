import type { CliIo } from "../io.js";

/** A progress reporter: call with (done, total); `finish` prints the closing line. */
export interface ProgressBar {
  update(done: number, total: number): void;
  finish(summary: string): void;
}

/**
 * A one-line bar on stderr that redraws in place when stderr is a terminal; elsewhere (pipes,
 * logs, tests) only the summary line is printed, so logs stay short and deterministic.
 */
export function createProgressBar(io: CliIo, label: string): ProgressBar {
  const width = 24;
  let drawn = false;
  return {
    update(done, total) {
      if (!io.stderrIsTerminal || total === 0) return;
      const filled = Math.round((done / total) * width);
      io.stderr(`\r\x1b[2K${label} ${"█".repeat(filled)}${"░".repeat(width - filled)} ${done}/${total}`);
      drawn = true;
    },
    finish(summary) {
      io.stderr(`${drawn ? "\r\x1b[2K" : ""}${summary}\n`);
    },
  };
}
