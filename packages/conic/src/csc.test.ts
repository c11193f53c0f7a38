import { describe, expect, it } from "vitest";
import { cscFromTriplets } from "./csc.js";

/** Entries summed per (row, column) in triplet order, then listed column by column, rows ascending. */
function reference(nrows: number, rows: number[], cols: number[], vals: number[]) {
  const sums = new Map<number, number>();
  for (let k = 0; k < rows.length; k++) {
    const key = cols[k]! * nrows + rows[k]!;
    sums.set(key, sums.has(key) ? sums.get(key)! + vals[k]! : vals[k]!);
  }
  const keys = [...sums.keys()].sort((a, b) => a - b);
  return {
    colOf: keys.map((key) => Math.floor(key / nrows)),
    rowIdx: keys.map((key) => key % nrows),
    values: keys.map((key) => sums.get(key)!),
  };
}

describe("cscFromTriplets", () => {
  it("sorts rows and sums repeats in triplet order, in short and long (> 64 entries) columns", () => {
    let state = 7;
    const rand = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const nrows = 300;
    const ncols = 6;
    const rows: number[] = [];
    const cols: number[] = [];
    const vals: number[] = [];
    for (let k = 0; k < 900; k++) {
      // Column 0 gets ~half of the entries (long), the others are short; rows repeat often.
      const j = rand() < 0.5 ? 0 : 1 + Math.floor(rand() * (ncols - 1));
      cols.push(j);
      rows.push(Math.floor(rand() * (j === 0 ? nrows : 20)));
      vals.push((rand() - 0.5) * 10 ** Math.floor(rand() * 20 - 10));
    }
    const M = cscFromTriplets(nrows, ncols, rows, cols, vals);
    const want = reference(nrows, rows, cols, vals);
    expect([...M.rowIdx]).toEqual(want.rowIdx);
    // Bit for bit: the same additions in the same order.
    expect([...M.values]).toEqual(want.values);
    for (let j = 0; j < ncols; j++) expect(M.colPtr[j + 1]! - M.colPtr[j]!).toBe(want.colOf.filter((c) => c === j).length);
  });
});
