/**
 * y = K·x for a symmetric K given by its upper triangle in CSC (repeats add up, as in `analyze`).
 * Each off-diagonal entry contributes twice: K[i, j]·x[j] to y[i] and K[i, j]·x[i] to y[j].
 */
export function symmetricUpperMultiply(
  n: number,
  colPtr: Int32Array,
  rowIdx: Int32Array,
  values: Float64Array,
  x: Float64Array,
  y: Float64Array,
): void {
  y.fill(0, 0, n);
  for (let j = 0; j < n; j++) {
    const xj = x[j]!;
    let sum = 0;
    for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
      const i = rowIdx[p]!;
      const v = values[p]!;
      if (i === j) {
        sum += v * xj;
      } else {
        y[i]! += v * xj;
        sum += v * x[i]!;
      }
    }
    y[j]! += sum;
  }
}
