/**
 * Compressed sparse column matrices: the one sparse format the solver works in. Triplets from the
 * problem are converted here once, summing duplicates (explicit zeros stay as harmless entries).
 */

/** An m×n matrix in CSC form; row indices are sorted and unique within each column. */
export interface CscMatrix {
  readonly nrows: number;
  readonly ncols: number;
  /** ncols + 1 offsets into rowIdx/values. */
  readonly colPtr: Int32Array;
  readonly rowIdx: Int32Array;
  readonly values: Float64Array;
}

/** Builds a CSC matrix from (already validated) zero-based triplets, adding up repeated entries. */
export function cscFromTriplets(
  nrows: number,
  ncols: number,
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  vals: ArrayLike<number>,
): CscMatrix {
  const count = new Int32Array(ncols + 1);
  for (let k = 0; k < cols.length; k++) count[cols[k]! + 1]!++;
  for (let j = 0; j < ncols; j++) count[j + 1]! += count[j]!;
  const order = new Int32Array(cols.length);
  const next = count.slice(0, ncols);
  for (let k = 0; k < cols.length; k++) order[next[cols[k]!]!++] = k;
  const colPtr = new Int32Array(ncols + 1);
  const rowIdx = new Int32Array(cols.length);
  const values = new Float64Array(cols.length);
  let nnz = 0;
  for (let j = 0; j < ncols; j++) {
    const from = count[j]!;
    const to = count[j + 1]!;
    // Stable sort by row (ties keep triplet order, so repeated entries are summed in input order).
    if (to - from <= INSERTION_SORT_LIMIT) insertionSortByRow(order, from, to, rows);
    else
      order.set(
        Array.from(order.subarray(from, to)).sort((a, b) => rows[a]! - rows[b]!),
        from,
      );
    const columnStart = nnz;
    for (let q = from; q < to; q++) {
      const k = order[q]!;
      const r = rows[k]!;
      if (nnz > columnStart && rowIdx[nnz - 1] === r) values[nnz - 1]! += vals[k]!;
      else {
        rowIdx[nnz] = r;
        values[nnz] = vals[k]!;
        nnz++;
      }
    }
    colPtr[j + 1] = nnz;
  }
  return { nrows, ncols, colPtr, rowIdx: rowIdx.slice(0, nnz), values: values.slice(0, nnz) };
}

/** Columns up to this many triplets are sorted in place (no arrays, no comparator closure). */
const INSERTION_SORT_LIMIT = 64;

function insertionSortByRow(order: Int32Array, from: number, to: number, rows: ArrayLike<number>): void {
  for (let a = from + 1; a < to; a++) {
    const k = order[a]!;
    const r = rows[k]!;
    let b = a - 1;
    while (b >= from && rows[order[b]!]! > r) {
      order[b + 1] = order[b]!;
      b--;
    }
    order[b + 1] = k;
  }
}

/** An empty m×n matrix. */
export function emptyCsc(nrows: number, ncols: number): CscMatrix {
  return { nrows, ncols, colPtr: new Int32Array(ncols + 1), rowIdx: new Int32Array(0), values: new Float64Array(0) };
}

/** out = (accumulate ? out : 0) + alpha·M·x. */
export function cscMultiply(M: CscMatrix, x: ArrayLike<number>, out: Float64Array, alpha = 1, accumulate = false): void {
  if (!accumulate) out.fill(0);
  for (let j = 0; j < M.ncols; j++) {
    const xj = alpha * x[j]!;
    if (xj === 0) continue;
    for (let p = M.colPtr[j]!; p < M.colPtr[j + 1]!; p++) out[M.rowIdx[p]!]! += M.values[p]! * xj;
  }
}

/** out = (accumulate ? out : 0) + alpha·Mᵀ·y. */
export function cscMultiplyTransposed(M: CscMatrix, y: ArrayLike<number>, out: Float64Array, alpha = 1, accumulate = false): void {
  for (let j = 0; j < M.ncols; j++) {
    let sum = 0;
    for (let p = M.colPtr[j]!; p < M.colPtr[j + 1]!; p++) sum += M.values[p]! * y[M.rowIdx[p]!]!;
    out[j] = (accumulate ? out[j]! : 0) + alpha * sum;
  }
}

/** out = (accumulate ? out : 0) + alpha·S·x where S is the symmetric matrix whose upper triangle U holds. */
export function symmetricUpperMultiply(U: CscMatrix, x: ArrayLike<number>, out: Float64Array, alpha = 1, accumulate = false): void {
  if (!accumulate) out.fill(0);
  for (let j = 0; j < U.ncols; j++) {
    for (let p = U.colPtr[j]!; p < U.colPtr[j + 1]!; p++) {
      const i = U.rowIdx[p]!;
      const v = alpha * U.values[p]!;
      out[i]! += v * x[j]!;
      if (i !== j) out[j]! += v * x[i]!;
    }
  }
}

/** The transpose, in CSC (i.e. the CSR form of M). */
export function cscTranspose(M: CscMatrix): CscMatrix {
  const colPtr = new Int32Array(M.nrows + 1);
  for (let p = 0; p < M.rowIdx.length; p++) colPtr[M.rowIdx[p]! + 1]!++;
  for (let i = 0; i < M.nrows; i++) colPtr[i + 1]! += colPtr[i]!;
  const next = colPtr.slice(0, M.nrows);
  const rowIdx = new Int32Array(M.rowIdx.length);
  const values = new Float64Array(M.rowIdx.length);
  for (let j = 0; j < M.ncols; j++) {
    for (let p = M.colPtr[j]!; p < M.colPtr[j + 1]!; p++) {
      const q = next[M.rowIdx[p]!]!++;
      rowIdx[q] = j;
      values[q] = M.values[p]!;
    }
  }
  return { nrows: M.ncols, ncols: M.nrows, colPtr, rowIdx, values };
}

/** A copy with new values arrays (the pattern is shared: it never changes). */
export function cscCopy(M: CscMatrix): CscMatrix {
  return { ...M, values: M.values.slice() };
}
