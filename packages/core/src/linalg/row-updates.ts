/** Row updates over all candidates at once: the contiguous passes of a step's O(rows·N) work. */

/**
 * target −= Σ_{k ∈ [from, to)} factor[at + k·step]·rows[k], four rows per pass over the target:
 * the passes are bound by memory traffic, and each reads and writes the target once instead of
 * four times (the passive-set bounds' WebAssembly kernel uses this same order, so both routes
 * give the same bits).
 */
export function subtractRows(
  target: Float64Array,
  factor: Float64Array,
  at: number,
  step: number,
  rows: Float64Array[],
  from: number,
  to: number,
): void {
  const n = target.length;
  let k = from;
  for (; k + 3 < to; k += 4) {
    const l0 = factor[at + k * step]!;
    const l1 = factor[at + (k + 1) * step]!;
    const l2 = factor[at + (k + 2) * step]!;
    const l3 = factor[at + (k + 3) * step]!;
    const r0 = rows[k]!;
    const r1 = rows[k + 1]!;
    const r2 = rows[k + 2]!;
    const r3 = rows[k + 3]!;
    for (let j = 0; j < n; j++) target[j]! -= l0 * r0[j]! + l1 * r1[j]! + l2 * r2[j]! + l3 * r3[j]!;
  }
  for (; k < to; k++) {
    const l = factor[at + k * step]!;
    const r = rows[k]!;
    for (let j = 0; j < n; j++) target[j]! -= l * r[j]!;
  }
}

/**
 * out = Σ_i coefficients[i]·rows[i] (out zeroed first), four rows per pass: the scores ⟨θ̂, φ_j⟩
 * from QΦᵀ and a new row of ZΦᵀ, each one pass over the candidates instead of one per row.
 */
export function combineRows(out: Float64Array, coefficients: ArrayLike<number>, rows: Float64Array[]): Float64Array {
  const negated = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) negated[i] = -(coefficients[i] ?? 0);
  out.fill(0);
  // −(−c·p) is exact, so subtracting negated coefficients adds with the same rounding.
  subtractRows(out, negated, 0, 1, rows, 0, rows.length);
  return out;
}
