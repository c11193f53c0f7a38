import { describe, expect, it } from "vitest";
import { grid, randomKkt } from "../../test/kernels/matrices.js";
import { KernelInputError } from "./kernel-error.js";
import { analyzeSymbolic } from "./symbolic.js";
import { createSymbolicMemo } from "./symbolic-memo.js";

describe("createSymbolicMemo", () => {
  it("returns the previous analysis for an equal pattern (even in other arrays) and equals a fresh one", () => {
    const analyze = createSymbolicMemo();
    const { pattern } = randomKkt(20, 12, 0.2, 3);
    const first = analyze(pattern);
    const copy = { n: pattern.n, colPtr: pattern.colPtr.slice(), rowIdx: pattern.rowIdx.slice() };
    expect(analyze(copy)).toBe(first);
    expect(first).toEqual(analyzeSymbolic(pattern));
  });

  it("re-analyzes when the pattern, the ordering or the caller's arrays change", () => {
    const analyze = createSymbolicMemo();
    const { pattern } = grid(5);
    const first = analyze(pattern);
    expect(analyze(pattern, { ordering: "natural" })).not.toBe(first);
    const amdAgain = analyze(pattern);
    expect(amdAgain).not.toBe(first); // only the last analysis is kept
    expect(amdAgain).toEqual(first);
    // The caller writes another (still valid) pattern into the same arrays: not a hit.
    const rowIdx = pattern.rowIdx;
    const column = pattern.n - 1;
    const at = pattern.colPtr[column]!;
    const before = rowIdx[at]!;
    rowIdx[at] = before === 0 ? 1 : 0;
    const changed = analyze(pattern);
    expect(changed).not.toBe(amdAgain);
    expect(changed).toEqual(analyzeSymbolic(pattern));
  });

  it("still throws on a bad pattern and keeps the last good analysis", () => {
    const analyze = createSymbolicMemo();
    const { pattern } = grid(4);
    const first = analyze(pattern);
    expect(() => analyze({ ...pattern, rowIdx: Int32Array.from(pattern.rowIdx, () => pattern.n) })).toThrow(KernelInputError);
    expect(() => analyze(pattern, { ordering: "metis" as "amd" })).toThrow(KernelInputError);
    expect(analyze(pattern)).toBe(first);
  });
});
