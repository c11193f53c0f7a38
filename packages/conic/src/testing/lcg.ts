/**
 * Deterministic uniform(−½, ½) numbers from a 32-bit linear congruential generator: test and
 * benchmark problems built from a seed are the same on every run and every platform.
 */
export function lcgUniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}
