import type { AnalyzeOptions, UpperCscPattern } from "./kernel.js";
import { analyzeSymbolic, type SymbolicFactor } from "./symbolic.js";

/** `analyzeSymbolic` that returns the previous result when called again with the same pattern. */
export type SymbolicMemo = (pattern: UpperCscPattern, options?: AnalyzeOptions) => SymbolicFactor;

interface Remembered {
  readonly ordering: unknown;
  readonly colPtr: Int32Array;
  readonly rowIdx: Int32Array;
  readonly symbolic: SymbolicFactor;
}

/**
 * One engine's memory of its last symbolic analysis. The `conic` backend solves many problems per
 * step that differ only in the cost vector, so their KKT patterns are identical and the ordering,
 * permutation and elimination tree are the same arrays: recomputing them was a large share of a
 * small solve. The key is the whole pattern, compared entry by entry against private copies (the
 * caller may reuse its arrays), so a hit is exactly the analysis a fresh call would return. The
 * result's arrays are shared between hits; nothing in the engines writes into them.
 */
export function createSymbolicMemo(): SymbolicMemo {
  let last: Remembered | undefined;
  return (pattern, options) => {
    const ordering = options?.ordering ?? "amd";
    if (last !== undefined && last.ordering === ordering && samePattern(last, pattern)) return last.symbolic;
    // Validates (throws KernelInputError) before anything is remembered.
    const symbolic = analyzeSymbolic(pattern, options);
    last = { ordering, colPtr: pattern.colPtr.slice(), rowIdx: pattern.rowIdx.slice(), symbolic };
    return symbolic;
  };
}

function samePattern(last: Remembered, pattern: UpperCscPattern): boolean {
  const { colPtr, rowIdx } = pattern;
  if (!(colPtr instanceof Int32Array) || !(rowIdx instanceof Int32Array)) return false;
  if (pattern.n !== last.symbolic.analysis.n || colPtr.length !== last.colPtr.length || rowIdx.length !== last.rowIdx.length) return false;
  for (let i = 0; i < colPtr.length; i++) if (colPtr[i] !== last.colPtr[i]) return false;
  for (let i = 0; i < rowIdx.length; i++) if (rowIdx[i] !== last.rowIdx[i]) return false;
  return true;
}
