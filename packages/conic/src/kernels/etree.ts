/** The symbolic structure of L for an upper-triangular CSC pattern with rows ≤ columns. */
export interface EliminationTree {
  /** `parent[j]` = the first row below j with L[row, j] ≠ 0, or −1 for a root. */
  readonly parent: Int32Array;
  /** Strictly-lower nonzeros of each column of L. */
  readonly columnCounts: Int32Array;
  /** Σ columnCounts. */
  readonly nnzL: number;
}

/**
 * Elimination tree and column counts in one pass (the row-subtree walk of QDLDL's `etree`):
 * row k of L is the union of the tree paths from each i with K[i, k] ≠ 0 up to k, so walking
 * those paths, marking nodes with k, counts one nonzero in column `node` per visit.
 */
export function eliminationTree(n: number, colPtr: Int32Array, rowIdx: Int32Array): EliminationTree {
  const parent = new Int32Array(n).fill(-1);
  const columnCounts = new Int32Array(n);
  const mark = new Int32Array(n).fill(-1);
  let nnzL = 0;
  for (let k = 0; k < n; k++) {
    mark[k] = k;
    for (let p = colPtr[k]!; p < colPtr[k + 1]!; p++) {
      let i = rowIdx[p]!;
      while (mark[i] !== k) {
        if (parent[i] === -1) parent[i] = k;
        columnCounts[i]!++;
        nnzL++;
        mark[i] = k;
        i = parent[i]!;
      }
    }
  }
  return { parent, columnCounts, nnzL };
}
