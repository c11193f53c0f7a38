/** Dense vector kernels on Float64Array. Plain loops: these are the hot paths of every step. */

/** ⟨x, y⟩ over the first `n` entries (default: the length of `x`). */
export function dot(x: ArrayLike<number>, y: ArrayLike<number>, n = x.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]! * y[i]!;
  return s;
}

/**
 * ⟨x[xAt … xAt+n), y[yAt … yAt+n)⟩ with four partial sums. The O(N·d) passes of an answer and
 * a step (a new row of QΦᵀ, a column of ΦΦᵀ) are N dot products of length d; with one running
 * sum each is bound by the latency of its chain of additions rather than by the loads.
 */
export function dotAt(x: Float64Array, xAt: number, y: Float64Array, yAt: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += x[xAt + i]! * y[yAt + i]!;
    s1 += x[xAt + i + 1]! * y[yAt + i + 1]!;
    s2 += x[xAt + i + 2]! * y[yAt + i + 2]!;
    s3 += x[xAt + i + 3]! * y[yAt + i + 3]!;
  }
  for (; i < n; i++) s0 += x[xAt + i]! * y[yAt + i]!;
  return s0 + s1 + (s2 + s3);
}

/** y ← y + a·x over the first `n` entries. */
export function axpy(a: number, x: ArrayLike<number>, y: Float64Array, n = x.length): void {
  for (let i = 0; i < n; i++) y[i]! += a * x[i]!;
}

/** ‖x‖² with the entries beyond `x.length` treated as zero. */
export function normSq(x: ArrayLike<number>, n = x.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]! * x[i]!;
  return s;
}

/**
 * ‖x − y‖² computed from the differences, not from ‖x‖² + ‖y‖² − 2⟨x, y⟩: the decision B ≤ ε
 * hinges on values near zero, where that identity would leave ~1e-8 of rounding noise.
 */
export function distSq(x: ArrayLike<number>, y: ArrayLike<number>, n = x.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i]! - y[i]!;
    s += v * v;
  }
  return s;
}

/** A new Float64Array of length `n` holding `x` (shorter inputs are zero-padded). */
export function padded(x: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n);
  const m = Math.min(n, x.length);
  for (let i = 0; i < m; i++) out[i] = x[i]!;
  return out;
}
