import { cscMultiply, cscMultiplyTransposed, type CscMatrix } from "../csc.js";

/**
 * The linear system of each ADMM iteration,
 *   [rx·I + P   Aᵀ  ] [x]   [f]
 *   [  −A     ry·I ] [y] = [g],
 * solved by eliminating y = (g + A·x)/ry and factoring the n×n normal matrix
 * rx·I + P + AᵀA/ry once (dense Cholesky: the matrix is positive definite for any rx, ry > 0).
 * Refactored only when ry changes (adaptive scaling).
 */
export class NormalSystem {
  private readonly n: number;
  private readonly L: Float64Array;
  private readonly work: Float64Array;
  private readonly tmp: Float64Array;

  constructor(
    private readonly A: CscMatrix,
    P: CscMatrix,
    readonly rx: number,
    readonly ry: number,
  ) {
    const n = A.ncols;
    this.n = n;
    const M = new Float64Array(n * n);
    for (let i = 0; i < n; i++) M[i * n + i] = rx;
    for (let j = 0; j < n; j++) {
      for (let p = P.colPtr[j]!; p < P.colPtr[j + 1]!; p++) {
        const i = P.rowIdx[p]!;
        M[i * n + j]! += P.values[p]!;
        if (i !== j) M[j * n + i]! += P.values[p]!;
      }
    }
    // AᵀA/ry from pairs of columns (dense rows of A are short in our problems).
    const At = denseColumns(A);
    for (let i = 0; i < n; i++) {
      const ci = At[i]!;
      for (let j = 0; j <= i; j++) {
        const cj = At[j]!;
        let s = 0;
        for (let k = 0; k < ci.idx.length; k++) {
          const v = cj.dense[ci.idx[k]!];
          if (v !== undefined && v !== 0) s += ci.val[k]! * v;
        }
        M[i * n + j]! += s / ry;
        if (i !== j) M[j * n + i]! += s / ry;
      }
    }
    this.L = cholesky(M, n);
    this.work = new Float64Array(A.nrows);
    this.tmp = new Float64Array(n);
  }

  /** Solves in place: on entry (f, g), on exit (x, y). */
  solve(f: Float64Array, g: Float64Array): void {
    const { n, L, work, A, ry } = this;
    // x solves (rx·I + P + AᵀA/ry)·x = f − Aᵀg/ry
    const rhs = f;
    const tmp = this.tmp;
    cscMultiplyTransposed(A, g, tmp);
    for (let i = 0; i < n; i++) rhs[i]! -= tmp[i]! / ry;
    // L·Lᵀ·x = rhs
    for (let i = 0; i < n; i++) {
      let s = rhs[i]!;
      for (let k = 0; k < i; k++) s -= L[i * n + k]! * rhs[k]!;
      rhs[i] = s / L[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = rhs[i]!;
      for (let k = i + 1; k < n; k++) s -= L[k * n + i]! * rhs[k]!;
      rhs[i] = s / L[i * n + i]!;
    }
    cscMultiply(A, rhs, work);
    for (let i = 0; i < g.length; i++) g[i] = (g[i]! + work[i]!) / ry;
  }
}

function denseColumns(A: CscMatrix): { idx: Int32Array; val: Float64Array; dense: Float64Array }[] {
  const out = [];
  for (let j = 0; j < A.ncols; j++) {
    const lo = A.colPtr[j]!;
    const hi = A.colPtr[j + 1]!;
    const dense = new Float64Array(A.nrows);
    for (let p = lo; p < hi; p++) dense[A.rowIdx[p]!] = A.values[p]!;
    out.push({ idx: A.rowIdx.subarray(lo, hi), val: A.values.subarray(lo, hi), dense });
  }
  return out;
}

/** Lower Cholesky factor (row-major, n×n) of a symmetric positive definite matrix. */
function cholesky(M: Float64Array, n: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = M[i * n + j]!;
      for (let k = 0; k < j; k++) s -= L[i * n + k]! * L[j * n + k]!;
      if (i === j) L[i * n + i] = Math.sqrt(Math.max(s, 1e-300));
      else L[i * n + j] = s / L[j * n + j]!;
    }
  }
  return L;
}
