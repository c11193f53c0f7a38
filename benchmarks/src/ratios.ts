import type { GridPoint, GridSpec } from "./grid.js";
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

/** A floor after {@link confirmFloors}: every ratio measured for it, first run included. */
export type ConfirmedFloor = ReturnType<typeof checkFloors>[number] & { ratios: (number | null)[] };

/**
 * Re-times each point whose ratio fell below its floor (only the reference and the slower backend,
 * `retries` more times) and keeps the best ratio seen. One sub-millisecond median taken while the
 * other core runs a test file can come out several times too slow; a real regression of the
 * default backend stays below the floor in every run, so only that fails the check.
 */
export function confirmFloors(
  result: GridResult,
  floors: readonly RatioFloor[],
  remeasure: (floor: RatioFloor) => GridResult,
  retries = 2,
): ConfirmedFloor[] {
  return checkFloors(result, floors).map((f) => {
    const ratios = [f.ratio];
    let best = f.ratio;
    for (let i = 0; i < retries && (best === null || best < f.min_ratio); i++) {
      const again = speedRatio(remeasure(f), f, f.versus);
      ratios.push(again);
      if (again !== null && (best === null || again > best)) best = again;
    }
    return { ...f, ratio: best, ratios, ok: best !== null && best >= f.min_ratio };
  });
}

/** The spec that re-times one floor's point: the CI spec narrowed to it, with more repetitions. */
export function floorSpec(spec: GridSpec, f: GridPoint): GridSpec {
  return { ...spec, ns: [f.n], ds: [f.d], ts: [f.t], reps: spec.reps * 2 };
}
