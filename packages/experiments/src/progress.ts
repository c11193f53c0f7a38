/** Where progress goes and how time is read (injected so tests see a fake). */
export interface ProgressOptions {
  /** Writes to the terminal (stderr in the CLI). */
  write: (text: string) => void;
  /** Whether `write` goes to a terminal: redraw one line instead of printing many. @default false */
  tty?: boolean;
  /** Clock in milliseconds. @default Date.now */
  now?: () => number;
  /** Label before the bar. @default "simulate" */
  label?: string;
}

/** A progress bar with counts, elapsed time and ETA. Off a terminal it prints at most every 5%. */
export function createProgress(total: number, options: ProgressOptions) {
  const now = options.now ?? Date.now;
  const label = options.label ?? "simulate";
  const start = now();
  let done = 0;
  let lastPct = -1;
  const fmt = (s: number) =>
    s >= 3600
      ? `${(s / 3600).toFixed(1)}h`
      : s >= 60
        ? `${Math.floor(s / 60)}m${String(Math.round(s % 60)).padStart(2, "0")}s`
        : `${s.toFixed(0)}s`;
  return {
    tick(count = 1) {
      done += count;
      const frac = total === 0 ? 1 : done / total;
      const elapsed = (now() - start) / 1000;
      const eta = done > 0 ? (elapsed / done) * (total - done) : 0;
      const width = 24;
      const bar = "█".repeat(Math.round(frac * width)).padEnd(width, "░");
      const line = `${label} ${bar} ${done}/${total} ${(frac * 100).toFixed(0)}%  ${fmt(elapsed)} elapsed, ETA ${fmt(eta)}`;
      if (options.tty) {
        options.write(`\r\x1b[2K${line}${done >= total ? "\n" : ""}`);
      } else {
        const pct = Math.floor(frac * 20);
        if (pct !== lastPct || done >= total) {
          lastPct = pct;
          options.write(`${line}\n`);
        }
      }
    },
  };
}
