import type { CompositeCone } from "../cones/composite.js";
import { cscTranspose } from "../csc.js";
import type { CheckedProblem } from "../input/validate.js";
import type { LdlAnalysis, LdlEngine, LdlRegularization, UpperCscPattern } from "../kernels/kernel.js";
import { refine } from "../kernels/refine.js";

/** How the KKT system is factored and solved. */
export interface KktOptions {
  readonly regularization: LdlRegularization;
  readonly refinementSteps: number;
  readonly refinementTolerance: number;
}

/**
 * The quasi-definite KKT matrix
 *
 *   K = [ P   Aᵀ ]
 *       [ A  −H  ]
 *
 * (H = the cones' scaling blocks) as one upper-triangular CSC pattern built once; each iteration
 * only the −H entries change, the engine re-factors without re-analysis, and every solve is
 * followed by iterative refinement.
 *
 * A second-order cone with `hessianShape` "expanded" contributes the diagonal −η²D to its rows and
 * two extra rows/columns at the end of the matrix (−aᵤ with diagonal +δᵤ, −aᵥ with diagonal −δᵥ;
 * see `cones/soc-expansion.ts`), whose Schur complement is its dense −H. Right-hand sides are zero in
 * those rows and their solution entries are dropped. Refinement runs on this expanded matrix
 * (unregularized): it is exactly equivalent to K, so a small expanded residual is a small K one.
 */
export class KktSystem {
  readonly pattern: UpperCscPattern;
  readonly values: Float64Array;
  /** The engine's symbolic analysis of `pattern` (fill of L, ordering). */
  readonly analysis: LdlAnalysis;
  /** Extra rows/columns of the expanded second-order cones (2 per cone), after the n + m of K. */
  readonly extraRows: number;
  private readonly signs: Int8Array;
  /** `hessianPositions[k]` = where entry k of the cones' H array goes in `values`. */
  private readonly hessianPositions: Int32Array;
  private readonly hessian: Float64Array;
  private readonly x: Float64Array;
  private readonly rhs: Float64Array;
  private readonly refineWork: { readonly residual: Float64Array; readonly candidate: Float64Array };

  constructor(
    private readonly problem: CheckedProblem,
    private readonly cones: CompositeCone,
    private readonly engine: LdlEngine,
    private readonly options: KktOptions,
  ) {
    const { n, m, P, A } = problem;
    const expanded = cones.cones
      .map((c, k) => ({ cone: c, offset: cones.hessianOffsets[k]! }))
      .filter(({ cone }) => cone.hessianShape === "expanded");
    const size = n + m + 2 * expanded.length;
    const At = cscTranspose(A);
    const colPtr = new Int32Array(size + 1);
    const rowIdx: number[] = [];
    const values: number[] = [];
    for (let j = 0; j < n; j++) {
      let diagonal = false;
      for (let p = P.colPtr[j]!; p < P.colPtr[j + 1]!; p++) {
        rowIdx.push(P.rowIdx[p]!);
        values.push(P.values[p]!);
        if (P.rowIdx[p] === j) diagonal = true;
      }
      // Every diagonal entry is stored so static regularization has a place to go.
      if (!diagonal) {
        rowIdx.push(j);
        values.push(0);
      }
      colPtr[j + 1] = rowIdx.length;
    }
    const hessianPositions = new Int32Array(cones.hessianEntries).fill(-1);
    // Per row of the cone block: its cone's first row, its H offset, and whether the block is dense.
    const blockOf = new Int32Array(m);
    const offsetOf = new Int32Array(m);
    const dense = new Uint8Array(m);
    cones.cones.forEach((cone, k) => {
      for (let i = cone.start; i < cone.start + cone.dim; i++) {
        blockOf[i] = cone.start;
        offsetOf[i] = cones.hessianOffsets[k]!;
        dense[i] = cone.hessianShape === "dense" ? 1 : 0;
      }
    });
    // Column n+i holds row i of A (as Aᵀ above the diagonal) and then the H block of its cone.
    for (let i = 0; i < m; i++) {
      for (let p = At.colPtr[i]!; p < At.colPtr[i + 1]!; p++) {
        rowIdx.push(At.rowIdx[p]!);
        values.push(At.values[p]!);
      }
      const local = i - blockOf[i]!;
      if (dense[i]) {
        // Dense blocks are written column by column (upper triangle): column `local` starts at local(local+1)/2.
        const columnStart = offsetOf[i]! + (local * (local + 1)) / 2;
        for (let r = 0; r <= local; r++) {
          hessianPositions[columnStart + r] = rowIdx.length;
          rowIdx.push(n + blockOf[i]! + r);
          values.push(0);
        }
      } else {
        // Diagonal cones and the D part of expanded ones: one entry per row.
        hessianPositions[offsetOf[i]! + local] = rowIdx.length;
        rowIdx.push(n + i);
        values.push(0);
      }
      colPtr[n + i + 1] = rowIdx.length;
    }
    const signs = new Int8Array(size);
    signs.fill(1, 0, n);
    signs.fill(-1, n, n + m);
    let column = n + m;
    for (const { cone, offset } of expanded) {
      // u's column joins the positive side (diagonal +δᵤ), v's the negative side (diagonal −δᵥ);
      // the cone writes both diagonals after its 3·dim column entries.
      for (const [part, sign] of [
        [1, 1],
        [2, -1],
      ] as const) {
        for (let r = 0; r < cone.dim; r++) {
          hessianPositions[offset + part * cone.dim + r] = rowIdx.length;
          rowIdx.push(n + cone.start + r);
          values.push(0);
        }
        hessianPositions[offset + 3 * cone.dim + part - 1] = rowIdx.length;
        rowIdx.push(column);
        values.push(sign);
        signs[column] = sign;
        colPtr[++column] = rowIdx.length;
      }
    }
    this.pattern = { n: size, colPtr, rowIdx: Int32Array.from(rowIdx) };
    this.values = Float64Array.from(values);
    this.extraRows = size - n - m;
    // Every cone fills all of its entries, so no position stays −1; `factor` still skips one rather than write values[−1].
    this.hessianPositions = hessianPositions;
    this.hessian = new Float64Array(cones.hessianEntries);
    this.signs = signs;
    this.x = new Float64Array(size);
    this.rhs = new Float64Array(size);
    this.refineWork = { residual: new Float64Array(size), candidate: new Float64Array(size) };
    this.analysis = engine.analyze(this.pattern);
  }

  /** Writes −H from the cones' current scaling and factors; false when the factor failed. */
  factor(regularizationScale = 1): boolean {
    this.cones.writeHessian(this.hessian);
    for (let k = 0; k < this.hessianPositions.length; k++) {
      const position = this.hessianPositions[k]!;
      if (position >= 0) this.values[position] = -this.hessian[k]!;
    }
    const { staticReg, dynamicEps, dynamicDelta } = this.options.regularization;
    const result = this.engine.factor(this.values, this.signs, {
      staticReg: staticReg * regularizationScale,
      dynamicEps,
      dynamicDelta: dynamicDelta * regularizationScale,
    });
    return result.ok;
  }

  /** Solves K [x; z] = [rx; rz] into x (length n) and z (length m), with iterative refinement. Returns false on a non-finite result. */
  solve(rhsX: Float64Array, rhsZ: Float64Array, outX: Float64Array, outZ: Float64Array): boolean {
    const { n, m } = this.problem;
    // The expanded cones' rows keep a zero right-hand side (set at construction, never written).
    const rhs = this.rhs;
    rhs.set(rhsX, 0);
    rhs.set(rhsZ, n);
    this.x.set(rhs);
    this.engine.solve(this.x);
    if (this.options.refinementSteps > 0) {
      refine(this.engine, this.pattern, this.values, rhs, this.x, {
        maxSteps: this.options.refinementSteps,
        relativeTolerance: this.options.refinementTolerance,
        work: this.refineWork,
      });
    }
    for (let i = 0; i < this.x.length; i++) if (!Number.isFinite(this.x[i]!)) return false;
    outX.set(this.x.subarray(0, n));
    outZ.set(this.x.subarray(n, n + m));
    return true;
  }
}
