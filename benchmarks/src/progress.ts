/** A one-line progress bar on stderr (plain lines when stderr is not a terminal). */
export function createProgress(total: number, label: string) {
  const tty = process.stderr.isTTY === true;
  const start = Date.now();
  let done = 0;
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
      else process.stderr.write(`${line}\n`);
    },
  };
}
