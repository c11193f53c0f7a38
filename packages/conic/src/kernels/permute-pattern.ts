/** The permuted upper triangle P·K·Pᵀ in CSC, with every diagonal present and repeats merged. */
export interface PermutedUpper {
  readonly colPtr: Int32Array;
  /** Rows ascending within each column, so the diagonal is the last entry of its column. */
  readonly rowIdx: Int32Array;
  /** Input nonzero p lands at position `map[p]`. */
  readonly map: Int32Array;
}

/**
 * Builds the storage the numeric factorization reads. Entry (i, j) of the input goes to
 * (min(q_i, q_j), max(q_i, q_j)) with q = inversePerm. Two stable counting sorts (by row, then
 * by column) order rows within columns; a synthetic zero diagonal goes into every column so
 * static regularization always has a slot.
 */
export function permuteUpper(n: number, colPtr: Int32Array, rowIdx: Int32Array, inversePerm: Int32Array): PermutedUpper {
  const nnz = rowIdx.length;
  const total = nnz + n;
  const rows = new Int32Array(total);
  const cols = new Int32Array(total);
  const source = new Int32Array(total); // −1 marks a synthetic diagonal
  let t = 0;
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
      const a = inversePerm[rowIdx[p]!]!;
      const b = inversePerm[j]!;
      rows[t] = Math.min(a, b);
      cols[t] = Math.max(a, b);
      source[t++] = p;
    }
  }
  for (let k = 0; k < n; k++) {
    rows[t] = k;
    cols[t] = k;
    source[t++] = -1;
  }
  const byRow = countingSort(rows, n, identity(total));
  const order = countingSort(cols, n, byRow);

  const outPtr = new Int32Array(n + 1);
  const outRows: number[] = [];
  const map = new Int32Array(nnz);
  let q = 0;
  for (let j = 0; j < n; j++) {
    let lastRow = -1;
    for (; q < total && cols[order[q]!] === j; q++) {
      const s = order[q]!;
      if (rows[s] !== lastRow) {
        outRows.push(rows[s]!);
        lastRow = rows[s]!;
      }
      const src = source[s]!;
      if (src >= 0) map[src] = outRows.length - 1;
    }
    outPtr[j + 1] = outRows.length;
  }
  return { colPtr: outPtr, rowIdx: Int32Array.from(outRows), map };
}

function identity(length: number): Int32Array {
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) out[i] = i;
  return out;
}

/** Stable counting sort of the indices in `order` by `keys[index]` ∈ [0, range). */
function countingSort(keys: Int32Array, range: number, order: Int32Array): Int32Array {
  const start = new Int32Array(range + 1);
  for (const s of order) start[keys[s]! + 1]!++;
  for (let k = 0; k < range; k++) start[k + 1]! += start[k]!;
  const out = new Int32Array(order.length);
  for (const s of order) out[start[keys[s]!]!++] = s;
  return out;
}
