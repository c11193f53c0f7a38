/**
 * A one-line progress bar on stderr. When stderr is not a terminal (CI logs, redirects) it prints a
 * plain line only at each further tenth of the work, so a long run adds ten lines, not thousands.
 */
export function createProgress(total: number, label: string) {
  const tty = process.stderr.isTTY === true;
  const start = Date.now();
  let done = 0;
  let lastTenth = 0;
  return {
    tick(what: string) {
      done++;
      const frac = done / total;
      const elapsed = (Date.now() - start) / 1000;
      const eta = frac > 0 ? (elapsed / frac) * (1 - frac) : 0;
      const width = 24;
      const bar = "█".repeat(Math.round(frac * width)).padEnd(width, "░");
      const line = `${label} ${bar} ${done}/${total}  ${what}  ${elapsed.toFixed(0)}s elapsed, ~${eta.toFixed(0)}s left`;
      if (tty) process.stderr.write(`\r\x1b[2K${line}${done === total ? "\n" : ""}`);
      else if (Math.floor(frac * 10) > lastTenth || done === total) {
        lastTenth = Math.floor(frac * 10);
        process.stderr.write(`${line}\n`);
      }
    },
  };
}
