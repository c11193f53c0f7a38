import type { GridPoint } from "./grid.js";

/** A measured median at a grid point. */
export interface Measured extends GridPoint {
  median_ms: number;
}

/**
 * A lower-bound guess of one step's time at `p` from the same backend's measurements at points no
 * larger in every coordinate: the largest of median·(N/N'). Time grows at least linearly in N (N
 * candidate problems) and does not shrink with d or t, so this errs low; the runner also stops
 * after one run that is over the limit. Null when nothing smaller was measured.
 */
export function predictStepMs(p: GridPoint, measured: readonly Measured[]): { ms: number; from: GridPoint } | null {
  let best: { ms: number; from: GridPoint } | null = null;
  for (const m of measured) {
    if (m.n > p.n || m.d > p.d || m.t > p.t) continue;
    const ms = m.median_ms * (p.n / m.n);
    if (!best || ms > best.ms) best = { ms, from: { n: m.n, d: m.d, t: m.t } };
  }
  return best;
}
