import type { CscMatrix } from "../csc.js";
import type { LdlEngine, UpperCscPattern } from "../kernels/kernel.js";
import { refine } from "../kernels/refine.js";
import { createTsLdlEngine } from "../kernels/ts-engine.js";

/**
 * The same system as {@link NormalSystem},
 *   [rx·I + P   Aᵀ  ] [x]   [f]
 *   [  −A     ry·I ] [y] = [g],
 * solved through the sparse quasi-definite matrix K = [rx·I + P, Aᵀ; A, −ry·I] (rhs (f, −g)) with
 * the package's LDLᵀ kernels (TypeScript engine: synchronous), plus iterative refinement. Unlike
 * the dense normal matrix it keeps the sparsity of A, which matters for the confidence-set
 * problems (three variables and eight rows per comparison, each row touching few variables).
 */
export class SparseKktSystem {
  private readonly n: number;
  private readonly m: number;
  private readonly pattern: UpperCscPattern;
  private readonly values: Float64Array;
  private readonly engine: LdlEngine;
  private readonly rhs: Float64Array;
  private readonly x: Float64Array;

  constructor(A: CscMatrix, P: CscMatrix, rx: number, ry: number, engine: LdlEngine = createTsLdlEngine()) {
    const n = A.ncols;
    const m = A.nrows;
    this.n = n;
    this.m = m;
    // Rows of A (columns of the Aᵀ block), by a counting transpose.
    const rowCount = new Int32Array(m + 1);
    for (let p = 0; p < A.rowIdx.length; p++) rowCount[A.rowIdx[p]! + 1]!++;
    for (let i = 0; i < m; i++) rowCount[i + 1]! += rowCount[i]!;
    const next = rowCount.slice(0, m);
    const atCols = new Int32Array(A.rowIdx.length);
    const atVals = new Float64Array(A.rowIdx.length);
    for (let j = 0; j < n; j++) {
      for (let p = A.colPtr[j]!; p < A.colPtr[j + 1]!; p++) {
        const q = next[A.rowIdx[p]!]!++;
        atCols[q] = j;
        atVals[q] = A.values[p]!;
      }
    }
    const colPtr = new Int32Array(n + m + 1);
    const rowIdx: number[] = [];
    const values: number[] = [];
    for (let j = 0; j < n; j++) {
      let diagonal = rx;
      for (let p = P.colPtr[j]!; p < P.colPtr[j + 1]!; p++) {
        const i = P.rowIdx[p]!;
        if (i === j) diagonal += P.values[p]!;
        else if (i < j) {
          rowIdx.push(i);
          values.push(P.values[p]!);
        }
      }
      rowIdx.push(j);
      values.push(diagonal);
      colPtr[j + 1] = rowIdx.length;
    }
    for (let i = 0; i < m; i++) {
      for (let q = rowCount[i]!; q < rowCount[i + 1]!; q++) {
        rowIdx.push(atCols[q]!);
        values.push(atVals[q]!);
      }
      rowIdx.push(n + i);
      values.push(-ry);
      colPtr[n + i + 1] = rowIdx.length;
    }
    this.pattern = { n: n + m, colPtr, rowIdx: Int32Array.from(rowIdx) };
    this.values = Float64Array.from(values);
    this.engine = engine;
    engine.analyze(this.pattern);
    const signs = new Int8Array(n + m);
    signs.fill(1, 0, n);
    signs.fill(-1, n);
    const result = engine.factor(this.values, signs, { staticReg: 0, dynamicEps: 1e-14, dynamicDelta: 1e-9 });
    if (!result.ok) throw new RangeError("scs: the quasi-definite system could not be factored");
    this.rhs = new Float64Array(n + m);
    this.x = new Float64Array(n + m);
  }

  /** Solves in place: on entry (f, g), on exit (x, y). */
  solve(f: Float64Array, g: Float64Array): void {
    const { n, m, rhs, x } = this;
    rhs.set(f);
    for (let i = 0; i < m; i++) rhs[n + i] = -g[i]!;
    x.set(rhs);
    this.engine.solve(x);
    // rx is tiny (1e-6): a refinement step or two recovers the digits the pivots lose.
    refine(this.engine, this.pattern, this.values, rhs, x, { maxSteps: 3 });
    for (let i = 0; i < n; i++) f[i] = x[i]!;
    for (let i = 0; i < m; i++) g[i] = x[n + i]!;
  }
}
