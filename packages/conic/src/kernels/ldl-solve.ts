import type { LdlNumericStorage } from "./ldl-workspace.js";

/**
 * Solves L·D·Lᵀ·x = b in the permuted ordering, in place: forward substitution with the unit
 * lower L (column-oriented), diagonal scaling, backward substitution with Lᵀ (row-oriented over
 * the same columns).
 */
export function ldlSolvePermuted(n: number, s: LdlNumericStorage, x: Float64Array): void {
  const { lColPtr, lRowIdx, lValues, diagonalInverse } = s;
  for (let j = 0; j < n; j++) {
    const xj = x[j]!;
    if (xj === 0) continue;
    for (let q = lColPtr[j]!; q < lColPtr[j + 1]!; q++) x[lRowIdx[q]!]! -= lValues[q]! * xj;
  }
  for (let j = 0; j < n; j++) x[j]! *= diagonalInverse[j]!;
  for (let j = n - 1; j >= 0; j--) {
    let xj = x[j]!;
    for (let q = lColPtr[j]!; q < lColPtr[j + 1]!; q++) xj -= lValues[q]! * x[lRowIdx[q]!]!;
    x[j] = xj;
  }
}

/** Solves K·x = rhs in the caller's ordering: gather through `perm`, solve, scatter back. */
export function ldlSolve(n: number, perm: Int32Array, s: LdlNumericStorage, rhs: Float64Array, work: Float64Array): void {
  for (let k = 0; k < n; k++) work[k] = rhs[perm[k]!]!;
  ldlSolvePermuted(n, s, work);
  for (let k = 0; k < n; k++) rhs[perm[k]!] = work[k]!;
}
