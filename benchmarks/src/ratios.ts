import type { GridPoint } from "./grid.js";
import type { GridResult } from "./run-grid.js";

/** A committed lower bound on a within-run speed ratio (benchmarks/ci-floor.json). */
export interface RatioFloor extends GridPoint {
  /** The slower backend: the ratio is its median over the reference backend's. */
  versus: string;
  min_ratio: number;
  why: string;
}

/** The measured ratio of `versus` over the reference at a point, or null when either did not run. */
export function speedRatio(result: GridResult, p: GridPoint, versus: string): number | null {
  const at = (solver: string) => result.rows.find((r) => r.solver === solver && r.n === p.n && r.d === p.d && r.t === p.t)?.timing;
  const ref = at(result.reference);
  const other = at(versus);
  if (!ref || !other) return null;
  return other.median_ms / ref.median_ms;
}

/** Every floor with its measured ratio; `ok` is false when a ratio is missing or below its floor. */
export function checkFloors(result: GridResult, floors: readonly RatioFloor[]) {
  return floors.map((f) => {
    const ratio = speedRatio(result, f, f.versus);
    return { ...f, ratio, ok: ratio !== null && ratio >= f.min_ratio };
  });
}

/**
 * Log–log slope of time against N per backend, d and t (least squares over the N that ran):
 * ≈ 1 means linear in the number of candidates.
 */
export function growthInN(result: GridResult): { solver: string; d: number; t: number; exponent: number; points: number }[] {
  const out = [];
  for (const solver of result.solvers) {
    const keys = new Set(result.rows.filter((r) => r.solver === solver && r.timing).map((r) => `${r.d}|${r.t}`));
    for (const key of keys) {
      const [d, t] = key.split("|").map(Number) as [number, number];
      const pts = result.rows.filter((r) => r.solver === solver && r.d === d && r.t === t && r.timing);
      if (pts.length < 2) continue;
      const xs = pts.map((r) => Math.log(r.n));
      const ys = pts.map((r) => Math.log(r.timing!.median_ms));
      const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
      const my = ys.reduce((a, b) => a + b, 0) / ys.length;
      let sxy = 0;
      let sxx = 0;
      xs.forEach((x, i) => {
        sxy += (x - mx) * (ys[i]! - my);
        sxx += (x - mx) ** 2;
      });
      out.push({ solver, d, t, exponent: sxy / sxx, points: pts.length });
    }
  }
  return out;
}
