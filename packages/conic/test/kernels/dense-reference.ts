/**
 * An independent route to K·x = b for the kernel tests: Gaussian elimination with partial pivoting
 * on the dense matrix (no ordering, no symmetry, no LDLᵀ).
 */
export function denseSolve(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]!]);
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i]![k]!) > Math.abs(a[pivot]![k]!)) pivot = i;
    [a[k], a[pivot]] = [a[pivot]!, a[k]!];
    const rowK = a[k]!;
    for (let i = k + 1; i < n; i++) {
      const rowI = a[i]!;
      const f = rowI[k]! / rowK[k]!;
      if (f === 0) continue;
      for (let j = k; j <= n; j++) rowI[j]! -= f * rowK[j]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = a[i]![n]!;
    for (let j = i + 1; j < n; j++) s -= a[i]![j]! * x[j]!;
    x[i] = s / a[i]![i]!;
  }
  return x;
}

/** Number of strictly-lower nonzeros of the dense Cholesky-like factor under symbolic elimination in natural order. */
export function denseSymbolicFill(matrix: readonly (readonly number[])[]): number {
  const n = matrix.length;
  const nz = matrix.map((row) => row.map((v) => v !== 0));
  let count = 0;
  for (let k = 0; k < n; k++) {
    const below: number[] = [];
    for (let i = k + 1; i < n; i++) if (nz[i]![k]) below.push(i);
    count += below.length;
    for (const i of below) for (const j of below) nz[i]![j] = true;
  }
  return count;
}
