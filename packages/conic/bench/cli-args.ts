/** Small shared helpers of the package's bench scripts (run with node after `pnpm build`). */

/** The value after `--name` on the command line, if any. */
export function argument(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** The median of a non-empty list (mean of the middle two for even lengths). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Median milliseconds per call of `run` after `warmup` calls, over `reps` samples; each sample
 * repeats `run` until at least 2 ms have passed, so sub-millisecond work is not timer noise.
 */
export function medianMilliseconds(run: () => void, warmup: number, reps: number): number {
  for (let w = 0; w < warmup; w++) run();
  const samples: number[] = [];
  for (let r = 0; r < reps; r++) {
    const start = performance.now();
    let count = 0;
    let elapsed = 0;
    do {
      run();
      count++;
      elapsed = performance.now() - start;
    } while (elapsed < 2);
    samples.push(elapsed / count);
  }
  return median(samples);
}
