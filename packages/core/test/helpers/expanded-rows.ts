import type { ConfidenceSetProblem, ReducedRows } from "../../src/index.js";

/**
 * The history as it was stored before replays became weights: one row per entry, a row of
 * multiplicity w repeated w times, every weight 1. The tests run the same math on this and on
 * the weighted rows and require the same answers.
 */
export function expandRows(rows: ReducedRows): ReducedRows {
  const index: number[] = [];
  for (let k = 0; k < rows.count; k++) for (let w = 0; w < rows.weight(k); w++) index.push(k);
  return { count: index.length, row: (k) => rows.row(index[k]!), weight: () => 1 };
}

/** ẐẐᵀ of `rows`, row-major with stride `rows.count`. */
export function gramOf(rows: ReducedRows): Float64Array {
  const t = rows.count;
  const gram = new Float64Array(t * t);
  for (let k = 0; k < t; k++) {
    const a = rows.row(k);
    for (let l = 0; l < t; l++) {
      const b = rows.row(l);
      let s = 0;
      for (let i = 0; i < Math.min(a.length, b.length); i++) s += a[i]! * b[i]!;
      gram[k * t + l] = s;
    }
  }
  return gram;
}

/** `problem` with its rows expanded (see {@link expandRows}) and θ̂, τ replaced by the caller's. */
export function expandedProblem(problem: ConfidenceSetProblem, thetaHat: Float64Array, lossLevel: number): ConfidenceSetProblem {
  const rows = expandRows(problem.rows);
  return { ...problem, rows, gram: gramOf(rows), gramStride: rows.count, thetaHat, lossLevel, lossMayBind: true };
}
