import type { ConicProblem, Triplets } from "@useralign/conic";

/** y = M·x for triplets (repeated entries add up). */
export function multiply(m: Triplets, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(m.shape[0]);
  for (let k = 0; k < m.vals.length; k++) out[m.rows[k]!]! += m.vals[k]! * x[m.cols[k]!]!;
  return out;
}

/** y = Mᵀ·x for triplets. */
export function multiplyTransposed(m: Triplets, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(m.shape[1]);
  for (let k = 0; k < m.vals.length; k++) out[m.cols[k]!]! += m.vals[k]! * x[m.rows[k]!]!;
  return out;
}

/** P·x where `P` holds the upper triangle of a symmetric matrix (zero when P is absent). */
export function multiplySymmetric(problem: ConicProblem, x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(problem.q.length);
  const P = problem.P;
  if (!P) return out;
  for (let k = 0; k < P.vals.length; k++) {
    const i = P.rows[k]!;
    const j = P.cols[k]!;
    out[i]! += P.vals[k]! * x[j]!;
    if (i !== j) out[j]! += P.vals[k]! * x[i]!;
  }
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** ‖v‖∞ (0 for an empty vector). */
export function normInf(v: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) m = Math.max(m, Math.abs(v[i]!));
  return m;
}

/** ‖|M|·|x|‖∞: the size of the terms that make up M·x (the natural scale of a residual of M·x). */
export function absProductNorm(m: Triplets, x: ArrayLike<number>, transposed = false): number {
  const out = new Float64Array(transposed ? m.shape[1] : m.shape[0]);
  for (let k = 0; k < m.vals.length; k++) {
    const [i, j] = transposed ? [m.cols[k]!, m.rows[k]!] : [m.rows[k]!, m.cols[k]!];
    out[i]! += Math.abs(m.vals[k]! * x[j]!);
  }
  return normInf(out);
}

/** ‖|P|·|x|‖∞ for the symmetric P whose upper triangle `problem.P` holds (0 without P). */
export function absSymmetricProductNorm(problem: ConicProblem, x: ArrayLike<number>): number {
  const P = problem.P;
  if (!P) return 0;
  const out = new Float64Array(problem.q.length);
  for (let k = 0; k < P.vals.length; k++) {
    const i = P.rows[k]!;
    const j = P.cols[k]!;
    out[i]! += Math.abs(P.vals[k]! * x[j]!);
    if (i !== j) out[j]! += Math.abs(P.vals[k]! * x[i]!);
  }
  return normInf(out);
}
