/**
 * Dense Cholesky factorization A = L·Lᵀ of a symmetric positive definite n×n matrix (row-major),
 * in place in the lower triangle. Used for the small (rank(Z) ≤ t) systems of the MLE, the
 * NNLS passive sets and the barrier Newton steps.
 */

/**
 * Factors `a` in place. Returns false (leaving `a` partly overwritten) when a pivot falls below
 * `minPivot` times the largest diagonal entry: the caller treats the matrix as singular.
 */
export function choleskyInPlace(a: Float64Array, n: number, minPivot = 1e-14): boolean {
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i]!));
  const floor = minPivot * (maxDiag > 0 ? maxDiag : 1);
  for (let j = 0; j < n; j++) {
    const rowJ = j * n;
    let diag = a[rowJ + j]!;
    for (let k = 0; k < j; k++) diag -= a[rowJ + k]! * a[rowJ + k]!;
    if (!(diag > floor)) return false;
    const ljj = Math.sqrt(diag);
    a[rowJ + j] = ljj;
    // Four rows at a time: each entry keeps its own sum in the same order (the same bits as one
    // row at a time, which choleskyExtend relies on), but four independent chains of additions run
    // side by side instead of one waiting on the latency of the last.
    let i = j + 1;
    for (; i + 3 < n; i += 4) {
      const r0 = i * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      let s0 = a[r0 + j]!;
      let s1 = a[r1 + j]!;
      let s2 = a[r2 + j]!;
      let s3 = a[r3 + j]!;
      for (let k = 0; k < j; k++) {
        const ljk = a[rowJ + k]!;
        s0 -= a[r0 + k]! * ljk;
        s1 -= a[r1 + k]! * ljk;
        s2 -= a[r2 + k]! * ljk;
        s3 -= a[r3 + k]! * ljk;
      }
      a[r0 + j] = s0 / ljj;
      a[r1 + j] = s1 / ljj;
      a[r2 + j] = s2 / ljj;
      a[r3 + j] = s3 / ljj;
    }
    for (; i < n; i++) {
      const rowI = i * n;
      let s = a[rowI + j]!;
      for (let k = 0; k < j; k++) s -= a[rowI + k]! * a[rowJ + k]!;
      a[rowI + j] = s / ljj;
    }
  }
  return true;
}

/**
 * Solves L·Lᵀ·x = b in place in `b`, with L from {@link choleskyInPlace} (or
 * {@link choleskyExtend}, whose rows are `stride` apart).
 */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array, stride = n): void {
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    const row = i * stride;
    for (let k = 0; k < i; k++) s -= l[row + k]! * b[k]!;
    b[i] = s / l[row + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * stride + i]! * b[k]!;
    b[i] = s / l[i * stride + i]!;
  }
}

/**
 * Extends a Cholesky factor of the leading `from` rows of a matrix to its leading `to` rows, row
 * by row, in `l` (row-major, rows `stride` apart); entry (i, j ≤ i) of the matrix comes from
 * `entry`. Every entry is computed with the operations of {@link choleskyInPlace} in its order, so
 * the factor is the same to the bit: an active-set method that adds one index at a time pays
 * O(p²) per step instead of O(p³). Each row's pivot (before its square root) goes to `pivots`, so
 * that a caller whose floor rises with a new row can recheck the old ones. Returns the number of
 * rows factored: `to`, or the first row whose pivot is not above `floor`.
 */
export function choleskyExtend(
  l: Float64Array,
  stride: number,
  from: number,
  to: number,
  entry: (i: number, j: number) => number,
  floor: number,
  pivots: Float64Array,
): number {
  for (let i = from; i < to; i++) {
    const rowI = i * stride;
    for (let j = 0; j < i; j++) {
      const rowJ = j * stride;
      let s = entry(i, j);
      for (let k = 0; k < j; k++) s -= l[rowI + k]! * l[rowJ + k]!;
      l[rowI + j] = s / l[rowJ + j]!;
    }
    let diag = entry(i, i);
    for (let k = 0; k < i; k++) diag -= l[rowI + k]! * l[rowI + k]!;
    if (!(diag > floor)) return i;
    pivots[i] = diag;
    l[rowI + i] = Math.sqrt(diag);
  }
  return to;
}

/** Solves L·y = b in place (forward substitution only). */
export function forwardSolveInPlace(l: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    const row = i * n;
    for (let k = 0; k < i; k++) s -= l[row + k]! * b[k]!;
    b[i] = s / l[row + i]!;
  }
}
