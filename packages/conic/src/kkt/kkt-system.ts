import type { CompositeCone } from "../cones/composite.js";
import { cscTranspose } from "../csc.js";
import type { CheckedProblem } from "../input/validate.js";
import type { LdlEngine, LdlRegularization, UpperCscPattern } from "../kernels/kernel.js";
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
 * followed by iterative refinement against the unregularized K.
 */
export class KktSystem {
  readonly pattern: UpperCscPattern;
  readonly values: Float64Array;
  private readonly signs: Int8Array;
  /** Positions in `values` of the cones' H entries, in the order the cones write them. */
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
    const size = n + m;
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
    const hessianPositions: number[] = [];
    // Column n+i holds row i of A (as Aᵀ above the diagonal) and then the H block of its cone.
    const blockOf = new Int32Array(m);
    const dense = new Uint8Array(m);
    for (const cone of cones.cones) {
      for (let i = cone.start; i < cone.start + cone.dim; i++) {
        blockOf[i] = cone.start;
        dense[i] = cone.hessianShape === "dense" ? 1 : 0;
      }
    }
    for (let i = 0; i < m; i++) {
      for (let p = At.colPtr[i]!; p < At.colPtr[i + 1]!; p++) {
        rowIdx.push(At.rowIdx[p]!);
        values.push(At.values[p]!);
      }
      const first = dense[i] ? blockOf[i]! : i;
      for (let r = first; r <= i; r++) {
        hessianPositions.push(rowIdx.length);
        rowIdx.push(n + r);
        values.push(0);
      }
      colPtr[n + i + 1] = rowIdx.length;
    }
    // Cones write dense blocks column by column (upper triangle), which is this same order.
    this.pattern = { n: size, colPtr, rowIdx: Int32Array.from(rowIdx) };
    this.values = Float64Array.from(values);
    this.hessianPositions = Int32Array.from(hessianPositions);
    this.hessian = new Float64Array(cones.hessianEntries);
    this.signs = new Int8Array(size);
    this.signs.fill(1, 0, n);
    this.signs.fill(-1, n);
    this.x = new Float64Array(size);
    this.rhs = new Float64Array(size);
    this.refineWork = { residual: new Float64Array(size), candidate: new Float64Array(size) };
    engine.analyze(this.pattern);
  }

  /** Writes −H from the cones' current scaling and factors; false when the factor failed. */
  factor(regularizationScale = 1): boolean {
    this.cones.writeHessian(this.hessian);
    for (let k = 0; k < this.hessianPositions.length; k++) this.values[this.hessianPositions[k]!] = -this.hessian[k]!;
    const { staticReg, dynamicEps, dynamicDelta } = this.options.regularization;
    const result = this.engine.factor(this.values, this.signs, { staticReg: staticReg * regularizationScale, dynamicEps, dynamicDelta: dynamicDelta * regularizationScale });
    return result.ok;
  }

  /** Solves K [x; z] = [rx; rz] into x (length n) and z (length m), with iterative refinement. Returns false on a non-finite result. */
  solve(rhsX: Float64Array, rhsZ: Float64Array, outX: Float64Array, outZ: Float64Array): boolean {
    const { n } = this.problem;
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
    outZ.set(this.x.subarray(n));
    return true;
  }
}
