import type { EliminationTree } from "./etree.js";

/** Arrays of one numeric factorization: L (strict lower, CSC), D, D⁻¹ and scratch space. */
export interface LdlNumericStorage {
  /** Column pointers of L from the column counts. */
  readonly lColPtr: Int32Array;
  readonly lRowIdx: Int32Array;
  readonly lValues: Float64Array;
  readonly diagonal: Float64Array;
  readonly diagonalInverse: Float64Array;
  readonly workValues: Float64Array;
  readonly workPattern: Int32Array;
  readonly workPath: Int32Array;
  readonly workMark: Int32Array;
  readonly workNext: Int32Array;
}

/** Allocates the storage of an n×n factor with the given tree. */
export function allocateLdlStorage(n: number, tree: EliminationTree): LdlNumericStorage {
  return {
    lColPtr: lColumnPointers(n, tree),
    lRowIdx: new Int32Array(tree.nnzL),
    lValues: new Float64Array(tree.nnzL),
    diagonal: new Float64Array(n),
    diagonalInverse: new Float64Array(n),
    workValues: new Float64Array(n),
    workPattern: new Int32Array(n),
    workPath: new Int32Array(n),
    workMark: new Int32Array(n),
    workNext: new Int32Array(n),
  };
}

/** Column pointers of L: the running sum of the column counts. */
export function lColumnPointers(n: number, tree: EliminationTree): Int32Array {
  const lColPtr = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) lColPtr[j + 1] = lColPtr[j]! + tree.columnCounts[j]!;
  return lColPtr;
}
