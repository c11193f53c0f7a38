import type { UpperCscPattern } from "../src/index.js";
import { testRng } from "../test/kernels/matrices.js";

/** A benchmark KKT system in the engine's input form. */
export interface KktMatrix {
  readonly pattern: UpperCscPattern;
  readonly values: Float64Array;
  readonly signs: Int8Array;
}

/**
 * An interior-point-like KKT matrix [P + σI, Aᵀ; A, −W] of total size n: 40 % primal variables,
 * P with ~3 off-diagonals per column, A with ~4 nonzeros per row plus a few dense-ish rows (the
 * kind second-order cones and objective-like constraints produce), W positive diagonal.
 * Built column by column in upper-CSC form directly (a dense copy would not fit at n = 5000).
 */
export function benchmarkKkt(n: number, seed: number): KktMatrix {
  const random = testRng(seed);
  const nPrimal = Math.round(0.4 * n);
  const nDual = n - nPrimal;
  const columns: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  const add = (i: number, j: number, v: number): void => {
    const [r, c] = i <= j ? [i, j] : [j, i];
    columns[c]!.set(r, (columns[c]!.get(r) ?? 0) + v);
  };
  for (let j = 0; j < nPrimal; j++) {
    add(j, j, 1 + random());
    for (let t = 0; t < 3; t++) {
      const i = Math.floor(random() * nPrimal);
      if (i !== j) add(i, j, 0.1 * (random() - 0.5));
    }
  }
  const denseRows = Math.max(1, Math.round(Math.sqrt(nDual) / 8));
  for (let r = 0; r < nDual; r++) {
    const row = nPrimal + r;
    const count = r < denseRows ? Math.max(4, Math.round(nPrimal / 10)) : 4;
    for (let t = 0; t < count; t++) add(Math.floor(random() * nPrimal), row, random() * 2 - 1);
    add(row, row, -(0.5 + random()));
  }
  const colPtr = new Int32Array(n + 1);
  const rows: number[] = [];
  const vals: number[] = [];
  for (let j = 0; j < n; j++) {
    for (const [i, v] of [...columns[j]!].sort((a, b) => a[0] - b[0])) {
      rows.push(i);
      vals.push(v);
    }
    colPtr[j + 1] = rows.length;
  }
  const signs = new Int8Array(n).map((_, i) => (i < nPrimal ? 1 : -1));
  return { pattern: { n, colPtr, rowIdx: Int32Array.from(rows) }, values: Float64Array.from(vals), signs };
}
