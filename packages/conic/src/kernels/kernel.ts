import type { ExpConeBatchFactory } from "../cones/exp-batch.js";
import type { SymmetricConeBatchFactory } from "../cones/symmetric-batch.js";

/**
 * The interface of a sparse quasi-definite LDLᵀ engine, shared by the TypeScript and the
 * WebAssembly implementations (as Clarabel's `ldlsolvers/` sit behind one trait).
 *
 * Life cycle:
 *   1. `analyze(pattern)` once per sparsity pattern: fill-reducing ordering, elimination tree,
 *      column counts, storage. Returns the statistics and the `map` described below.
 *   2. `factor(values, signs, regularization)` whenever values change. `values` are in the
 *      caller's own nonzero order (parallel to `pattern.rowIdx`), so a caller that keeps its KKT
 *      matrix as one CSC array updates the scaling-block entries in place and calls `factor` again
 *      — no re-analysis, no knowledge of the permutation needed.
 *   3. `solve(rhs)` any number of times after a successful factor; in place, original ordering.
 */

/** The sparsity pattern of a symmetric matrix: its upper triangle (row ≤ column) in CSC form. */
export interface UpperCscPattern {
  /** Dimension of the square matrix. */
  readonly n: number;
  /** Column pointers, length n + 1, nondecreasing, `colPtr[0] = 0`, `colPtr[n] = nnz`. */
  readonly colPtr: Int32Array;
  /**
   * Row indices, length nnz, each in [0, column]. The diagonal may be missing (an implicit
   * zero is stored so regularization has somewhere to go); repeated (row, column) entries are
   * summed; explicit zeros are kept as structural nonzeros.
   */
  readonly rowIdx: Int32Array;
}

/** Options of `analyze`. */
export interface AnalyzeOptions {
  /**
   * Fill-reducing ordering: `amd` (approximate minimum degree) or `natural` (identity).
   * @default "amd"
   */
  readonly ordering?: "amd" | "natural";
}

/** What `analyze` found. */
export interface LdlAnalysis {
  /** Dimension. */
  readonly n: number;
  /** `perm[k]` = the original index eliminated k-th. */
  readonly perm: Int32Array;
  /** Inverse of `perm`: `inversePerm[perm[k]] = k`. */
  readonly inversePerm: Int32Array;
  /**
   * `map[p]` = the position of input nonzero p (parallel to `pattern.rowIdx`) in the engine's
   * permuted upper-CSC value storage. Repeated entries share a position. `factor` applies it for
   * you; it is exposed for callers that want to inspect or test the storage.
   */
  readonly map: Int32Array;
  /** Nonzeros of the permuted upper triangle, diagonal included (≥ n). */
  readonly nnzPermuted: number;
  /** Strictly-lower nonzeros of L (the fill the ordering achieved). */
  readonly nnzL: number;
}

/** Regularization applied during `factor`. */
export interface LdlRegularization {
  /** Added as `sign[i]·staticReg` to every diagonal entry before factoring (≥ 0). */
  readonly staticReg: number;
  /** A pivot with `sign[k]·D[k,k] ≤ dynamicEps` is replaced (≥ 0). */
  readonly dynamicEps: number;
  /** …by `sign[k]·dynamicDelta` (> 0 to have an effect). */
  readonly dynamicDelta: number;
}

/** Outcome of `factor`. */
export interface FactorResult {
  /**
   * Every pivot is finite, nonzero and has the sign the caller asked for (the matrix has the
   * expected inertia). When false, `solve` must not be used.
   */
  readonly ok: boolean;
  /** How many pivots dynamic regularization replaced. */
  readonly regularizedPivots: number;
}

/** A sparse LDLᵀ engine for quasi-definite matrices (no pivoting). */
export interface LdlEngine {
  /** Which implementation this is. */
  readonly kind: KernelKind;
  /** Symbolic analysis; throws `KernelInputError` on a malformed pattern. Resets any factor. */
  analyze(pattern: UpperCscPattern, options?: AnalyzeOptions): LdlAnalysis;
  /**
   * Numeric factorization of the analyzed pattern.
   * @param values nonzero values parallel to `pattern.rowIdx` (original order, unregularized).
   * @param signs length n, +1 for the primal (positive-definite) block, −1 for the dual block.
   */
  factor(values: Float64Array, signs: Int8Array, regularization: LdlRegularization): FactorResult;
  /** Solves K x = rhs with the last successful factor, overwriting `rhs` with x (original order). */
  solve(rhs: Float64Array): void;
  /**
   * The symmetric-cone batch of the same kind (the wasm engine's runs in WebAssembly); the solver
   * uses it for the nonnegative and second-order cones. @default undefined (the TypeScript batch)
   */
  readonly symmetricConeBatch?: SymmetricConeBatchFactory;
  /**
   * The exponential-cone batch of the same kind (the wasm engine's runs in WebAssembly).
   * @default undefined (the TypeScript batch)
   */
  readonly expConeBatch?: ExpConeBatchFactory;
  /**
   * Bytes the engine holds outside the JavaScript heap between solves (the wasm engine's linear
   * memory, which grows to the largest problem analyzed and never shrinks). @default undefined (none)
   */
  retainedBytes?(): number;
}

/** Implementation names. */
export type KernelKind = "ts" | "wasm";
