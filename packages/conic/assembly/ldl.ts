// Port of src/kernels/ldl-numeric.ts and src/kernels/ldl-solve.ts; keep the three in step.
import { getF64, getI32, getI8, setF64, setI32 } from "./memory";

/**
 * Up-looking LDLᵀ of the permuted upper triangle (diagonal last in each column, static
 * regularization already added). Returns the number of dynamically regularized pivots, or
 * −(count + 1) if a pivot is zero, non-finite or of the wrong sign.
 */
export function ldlFactor(
  n: i32,
  colPtr: usize,
  rowIdx: usize,
  values: usize,
  parent: usize,
  signs: usize,
  dynamicEps: f64,
  dynamicDelta: f64,
  lColPtr: usize,
  lRowIdx: usize,
  lValues: usize,
  diagonal: usize,
  diagonalInverse: usize,
  y: usize,
  pattern: usize,
  path: usize,
  mark: usize,
  next: usize,
): i32 {
  for (let j = 0; j < n; j++) {
    setI32(mark, j, -1);
    setF64(y, j, 0.0);
    setI32(next, j, getI32(lColPtr, j));
  }
  let regularized = 0;
  let failed = false;
  for (let k = 0; k < n; k++) {
    let top = 0;
    let dk = 0.0;
    setI32(mark, k, k);
    const pEnd = getI32(colPtr, k + 1);
    for (let p = getI32(colPtr, k); p < pEnd; p++) {
      const i = getI32(rowIdx, p);
      if (i == k) {
        dk = getF64(values, p);
        continue;
      }
      setF64(y, i, getF64(values, p));
      let len = 0;
      let node = i;
      while (getI32(mark, node) != k) {
        setI32(mark, node, k);
        setI32(path, len++, node);
        node = getI32(parent, node);
      }
      while (len > 0) setI32(pattern, top++, getI32(path, --len));
    }
    for (let t = top - 1; t >= 0; t--) {
      const j = getI32(pattern, t);
      const yj = getF64(y, j);
      const end = getI32(next, j);
      for (let q = getI32(lColPtr, j); q < end; q++) {
        const r = getI32(lRowIdx, q);
        setF64(y, r, getF64(y, r) - getF64(lValues, q) * yj);
      }
      const lkj = yj * getF64(diagonalInverse, j);
      setI32(lRowIdx, end, k);
      setF64(lValues, end, lkj);
      dk -= yj * lkj;
      setI32(next, j, end + 1);
      setF64(y, j, 0.0);
    }
    const sign = <f64>getI8(signs, k);
    if (sign * dk <= dynamicEps) {
      if (dynamicDelta > 0) {
        dk = sign * dynamicDelta;
        regularized++;
      }
    }
    if (!(sign * dk > 0) || !isFinite<f64>(dk)) failed = true;
    setF64(diagonal, k, dk);
    setF64(diagonalInverse, k, 1.0 / dk);
  }
  return failed ? -(regularized + 1) : regularized;
}

/** L·D·Lᵀ·x = b in the permuted ordering, in place. */
export function ldlSolvePermuted(n: i32, lColPtr: usize, lRowIdx: usize, lValues: usize, diagonalInverse: usize, x: usize): void {
  for (let j = 0; j < n; j++) {
    const xj = getF64(x, j);
    if (xj == 0) continue;
    const end = getI32(lColPtr, j + 1);
    for (let q = getI32(lColPtr, j); q < end; q++) {
      const r = getI32(lRowIdx, q);
      setF64(x, r, getF64(x, r) - getF64(lValues, q) * xj);
    }
  }
  for (let j = 0; j < n; j++) setF64(x, j, getF64(x, j) * getF64(diagonalInverse, j));
  for (let j = n - 1; j >= 0; j--) {
    let xj = getF64(x, j);
    const end = getI32(lColPtr, j + 1);
    for (let q = getI32(lColPtr, j); q < end; q++) xj -= getF64(lValues, q) * getF64(x, getI32(lRowIdx, q));
    setF64(x, j, xj);
  }
}

/** K·x = rhs in the caller's ordering: gather through `perm` into `work`, solve, scatter back. */
export function ldlSolve(
  n: i32,
  perm: usize,
  lColPtr: usize,
  lRowIdx: usize,
  lValues: usize,
  diagonalInverse: usize,
  rhs: usize,
  work: usize,
): void {
  for (let k = 0; k < n; k++) setF64(work, k, getF64(rhs, getI32(perm, k)));
  ldlSolvePermuted(n, lColPtr, lRowIdx, lValues, diagonalInverse, work);
  for (let k = 0; k < n; k++) setF64(rhs, getI32(perm, k), getF64(work, k));
}
