import type { LdlNumericStorage } from "./ldl-workspace.js";

/**
 * Up-looking LDLᵀ without pivoting (the QDLDL scheme): for each k, row k of L solves
 * L₀₀·D₀₀·ℓ = K[0:k, k] by a sparse triangular solve over the elimination-tree reach, and
 * D[k] = K[k, k] − Σ ℓ_j² D[j]. Quasi-definiteness makes every leading block nonsingular, so no
 * pivoting is needed; dynamic regularization guards against pivots of the wrong sign or ~0.
 *
 * `values` is the permuted upper triangle (diagonal last in each column, static regularization
 * already added); `signs` is permuted too. The AssemblyScript kernel in `assembly/ldl.ts` is a
 * line-by-line port of this function and must stay in step with it.
 *
 * @returns the number of dynamically regularized pivots, or −(count + 1) when a pivot is zero,
 *   non-finite, or of the wrong sign (the factor is then unusable).
 */
export function ldlFactorNumeric(
  n: number,
  colPtr: Int32Array,
  rowIdx: Int32Array,
  values: Float64Array,
  parent: Int32Array,
  signs: Int8Array,
  dynamicEps: number,
  dynamicDelta: number,
  s: LdlNumericStorage,
): number {
  const { lColPtr, lRowIdx, lValues, diagonal, diagonalInverse } = s;
  const y = s.workValues;
  const pattern = s.workPattern;
  const path = s.workPath;
  const mark = s.workMark;
  const next = s.workNext;
  mark.fill(-1);
  y.fill(0);
  for (let j = 0; j < n; j++) next[j] = lColPtr[j]!;
  let regularized = 0;
  let failed = false;
  for (let k = 0; k < n; k++) {
    let top = 0;
    let dk = 0;
    mark[k] = k;
    for (let p = colPtr[k]!; p < colPtr[k + 1]!; p++) {
      const i = rowIdx[p]!;
      if (i === k) {
        dk = values[p]!;
        continue;
      }
      y[i] = values[p]!;
      // Climb the tree from i to the first node already in this row's pattern.
      let len = 0;
      let node = i;
      while (mark[node] !== k) {
        mark[node] = k;
        path[len++] = node;
        node = parent[node]!;
      }
      while (len > 0) pattern[top++] = path[--len]!;
    }
    // Reverse order of `pattern` is a topological order of the reach (descendants first).
    for (let t = top - 1; t >= 0; t--) {
      const j = pattern[t]!;
      const yj = y[j]!;
      const end = next[j]!;
      for (let q = lColPtr[j]!; q < end; q++) y[lRowIdx[q]!]! -= lValues[q]! * yj;
      const lkj = yj * diagonalInverse[j]!;
      lRowIdx[end] = k;
      lValues[end] = lkj;
      dk -= yj * lkj;
      next[j] = end + 1;
      y[j] = 0;
    }
    const sign = signs[k]!;
    if (sign * dk <= dynamicEps) {
      if (dynamicDelta > 0) {
        dk = sign * dynamicDelta;
        regularized++;
      }
    }
    if (!(sign * dk > 0) || !Number.isFinite(dk)) failed = true;
    diagonal[k] = dk;
    diagonalInverse[k] = 1 / dk;
  }
  return failed ? -(regularized + 1) : regularized;
}
