import { describe, expect, it } from "vitest";
import { amdOrderReference } from "../../test/kernels/amd-reference.js";
import { arrowhead, grid, randomKkt, randomStructure, testRng } from "../../test/kernels/matrices.js";
import { amdOrder } from "./amd.js";

/** A random upper pattern with repeated entries, some lower-triangle duplicates and a few hub rows. */
function messyPattern(n: number, hubs: number, seed: number): { n: number; colPtr: Int32Array; rowIdx: Int32Array } {
  const rng = testRng(seed);
  const colPtr = new Int32Array(n + 1);
  const rowIdx: number[] = [];
  for (let j = 0; j < n; j++) {
    for (let h = 0; h < hubs; h++) if (h < j && rng() < 0.9) rowIdx.push(h);
    for (let e = 0; e < 3; e++) rowIdx.push(Math.floor(rng() * (j + 1)));
    if (j > 0 && rng() < 0.2) rowIdx.push(rowIdx[rowIdx.length - 1]!); // a repeat
    if (rng() < 0.5) rowIdx.push(j);
    colPtr[j + 1] = rowIdx.length;
  }
  return { n, colPtr, rowIdx: Int32Array.from(rowIdx) };
}

describe("amdOrder against the Set-based reference", () => {
  const same = (p: { n: number; colPtr: Int32Array; rowIdx: Int32Array }) =>
    expect([...amdOrder(p.n, p.colPtr, p.rowIdx)]).toEqual([...amdOrderReference(p.n, p.colPtr, p.rowIdx)]);

  it("returns the identical permutation on random KKT patterns and random structures", () => {
    for (let seed = 1; seed <= 30; seed++) {
      same(randomKkt(10 + seed * 3, 5 + seed, 0.05 + (seed % 7) * 0.04, seed).pattern);
      same(randomStructure(seed).pattern);
    }
  });

  it("returns the identical permutation on grids and arrowheads (many degree ties)", () => {
    for (const side of [3, 8, 15]) same(grid(side).pattern);
    for (const n of [2, 17, 60]) same(arrowhead(n).pattern);
  });

  it("returns the identical permutation with repeated entries and dense rows ordered last", () => {
    for (let seed = 1; seed <= 6; seed++) same(messyPattern(150 + 40 * seed, seed % 3, seed));
    same({ n: 0, colPtr: new Int32Array(1), rowIdx: new Int32Array(0) });
    same({ n: 1, colPtr: Int32Array.from([0, 1]), rowIdx: Int32Array.from([0]) });
  });
});
