import { describe, expect, it } from "vitest";
import { denseSymbolicFill } from "../../test/kernels/dense-reference.js";
import { arrowhead, grid, randomKkt } from "../../test/kernels/matrices.js";
import { amdOrder, denseRowThreshold } from "./amd.js";
import { analyzeSymbolic } from "./symbolic.js";

function isPermutation(perm: Int32Array, n: number): boolean {
  const seen = new Uint8Array(n);
  for (const p of perm) {
    if (p < 0 || p >= n || seen[p]) return false;
    seen[p] = 1;
  }
  return perm.length === n;
}

describe("approximate minimum degree", () => {
  it("returns a permutation on random KKT patterns", () => {
    for (let seed = 1; seed <= 10; seed++) {
      const t = randomKkt(15 + seed, 10, 0.1 + seed * 0.03, seed);
      expect(isPermutation(amdOrder(t.pattern.n, t.pattern.colPtr, t.pattern.rowIdx), t.pattern.n)).toBe(true);
    }
  });

  it("eliminates an arrowhead's hub at the end (ties with the last leaf), so L has no fill", () => {
    const t = arrowhead(40);
    const amd = analyzeSymbolic(t.pattern, { ordering: "amd" });
    const natural = analyzeSymbolic(t.pattern, { ordering: "natural" });
    expect([...amd.analysis.perm.subarray(38)]).toContain(0);
    expect(amd.analysis.nnzL).toBe(39);
    expect(natural.analysis.nnzL).toBe((39 * 40) / 2);
  });

  it("orders dense rows last (sparsest first) and still leaves an arrowhead with two hubs no fill", () => {
    // Two hubs (0 and 1) joined to every leaf: both exceed max(16, 10·√n) once n > 100.
    const n = 400;
    expect(denseRowThreshold(n)).toBe(200);
    const colPtr = new Int32Array(n + 1);
    const rowIdx: number[] = [];
    for (let j = 0; j < n; j++) {
      if (j >= 2) rowIdx.push(0, ...(j % 4 !== 0 ? [1] : []));
      rowIdx.push(j);
      colPtr[j + 1] = rowIdx.length;
    }
    const pattern = { n, colPtr, rowIdx: Int32Array.from(rowIdx) };
    const perm = amdOrder(n, pattern.colPtr, pattern.rowIdx);
    expect(isPermutation(perm, n)).toBe(true);
    // Hub 1 touches three leaves in four (~300 > 200), hub 0 all of them: 1 then 0 at the end.
    expect([perm[n - 2], perm[n - 1]]).toEqual([1, 0]);
    const { analysis } = analyzeSymbolic(pattern, { ordering: "amd" });
    // Every leaf column holds its hubs only (1 or 2 entries), and hub 1's column holds hub 0.
    let hubOneLeaves = 0;
    for (let j = 2; j < n; j++) if (j % 4 !== 0) hubOneLeaves++;
    expect(analysis.nnzL).toBe(n - 2 + hubOneLeaves + 1);
  });

  it("fills a grid Laplacian less than natural (banded) order", () => {
    for (const side of [6, 12, 20]) {
      const t = grid(side);
      const amd = analyzeSymbolic(t.pattern, { ordering: "amd" }).analysis.nnzL;
      const natural = analyzeSymbolic(t.pattern, { ordering: "natural" }).analysis.nnzL;
      expect(amd).toBeLessThanOrEqual(natural);
      if (side >= 12) expect(amd).toBeLessThan(0.8 * natural);
    }
  });

  it("fills random KKT matrices no more than natural order", () => {
    for (let seed = 1; seed <= 6; seed++) {
      const t = randomKkt(60, 40, 0.03, 100 + seed);
      const amd = analyzeSymbolic(t.pattern, { ordering: "amd" }).analysis.nnzL;
      const natural = analyzeSymbolic(t.pattern, { ordering: "natural" }).analysis.nnzL;
      expect(amd).toBeLessThanOrEqual(natural);
    }
  });
});

describe("symbolic analysis", () => {
  it("counts the same fill as dense symbolic elimination in the chosen order", () => {
    for (const t of [randomKkt(20, 12, 0.15, 3), grid(6), arrowhead(12)]) {
      const { analysis } = analyzeSymbolic(t.pattern, { ordering: "amd" });
      const permuted = t.dense.map((_, i) => t.dense.map((__, j) => t.dense[analysis.perm[i]!]![analysis.perm[j]!]!));
      expect(analysis.nnzL).toBe(denseSymbolicFill(permuted));
    }
  });

  it("maps every input nonzero to the permuted position of the same entry", () => {
    const t = randomKkt(12, 8, 0.25, 5);
    const { analysis, permuted } = analyzeSymbolic(t.pattern, { ordering: "amd" });
    expect(isPermutation(analysis.perm, 20)).toBe(true);
    for (let k = 0; k < 20; k++) expect(analysis.inversePerm[analysis.perm[k]!]).toBe(k);
    const columnOf = new Int32Array(analysis.nnzPermuted);
    for (let j = 0; j < 20; j++) for (let q = permuted.colPtr[j]!; q < permuted.colPtr[j + 1]!; q++) columnOf[q] = j;
    for (let j = 0; j < 20; j++) {
      // Diagonal last in every column.
      expect(permuted.rowIdx[permuted.colPtr[j + 1]! - 1]).toBe(j);
      for (let p = t.pattern.colPtr[j]!; p < t.pattern.colPtr[j + 1]!; p++) {
        const q = analysis.map[p]!;
        const a = analysis.inversePerm[t.pattern.rowIdx[p]!]!;
        const b = analysis.inversePerm[j]!;
        expect([permuted.rowIdx[q], columnOf[q]]).toEqual([Math.min(a, b), Math.max(a, b)]);
      }
    }
  });
});
