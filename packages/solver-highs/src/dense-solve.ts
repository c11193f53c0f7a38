/**
 * Solves M·x = b in place for a dense square M (row-major, `size`×`size`) by Gaussian elimination
 * with partial pivoting; `b` receives x. Returns false when a pivot is below `1e-14` times the
 * largest entry (singular to working precision). Small systems only: the finish step's KKT
 * matrices have at most rank(Z) + 1 + |active set| + 2 rows.
 */
export function solveDense(M: Float64Array, b: Float64Array, size: number): boolean {
  let scale = 0;
  for (let i = 0; i < size * size; i++) scale = Math.max(scale, Math.abs(M[i]!));
  if (!(scale > 0)) return false;
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) if (Math.abs(M[r * size + col]!) > Math.abs(M[pivot * size + col]!)) pivot = r;
    const p = M[pivot * size + col]!;
    if (!(Math.abs(p) > 1e-14 * scale)) return false;
    if (pivot !== col) {
      for (let c = 0; c < size; c++) {
        const tmp = M[col * size + c]!;
        M[col * size + c] = M[pivot * size + c]!;
        M[pivot * size + c] = tmp;
      }
      const tb = b[col]!;
      b[col] = b[pivot]!;
      b[pivot] = tb;
    }
    for (let r = col + 1; r < size; r++) {
      const f = M[r * size + col]! / p;
      if (f === 0) continue;
      for (let c = col; c < size; c++) M[r * size + c]! -= f * M[col * size + c]!;
      b[r]! -= f * b[col]!;
    }
  }
  for (let r = size - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let c = r + 1; c < size; c++) s -= M[r * size + c]! * b[c]!;
    b[r] = s / M[r * size + r]!;
  }
  return true;
}
