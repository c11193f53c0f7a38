import type { LdlEngine, UpperCscPattern } from "./kernel.js";
import { KernelInputError } from "./kernel-error.js";
import { symmetricUpperMultiply } from "./sym-matvec.js";

/** Options of `refine` (defaults as Clarabel's iterative-refinement settings). */
export interface RefineOptions {
  /**
   * Most correction steps.
   * @default 10
   */
  readonly maxSteps?: number;
  /**
   * Stop when ‖rhs − K·x‖∞ ≤ absoluteTolerance + relativeTolerance·‖rhs‖∞.
   * @default 1e-13
   */
  readonly relativeTolerance?: number;
  /** @default 1e-12 */
  readonly absoluteTolerance?: number;
  /**
   * Stop when a step shrinks the residual by less than this factor (the factor has stopped helping).
   * @default 5
   */
  readonly stopRatio?: number;
  /**
   * Two n-long scratch vectors, for callers that refine every iteration and want no allocation.
   * @default fresh arrays
   */
  readonly work?: { readonly residual: Float64Array; readonly candidate: Float64Array };
}

/** What `refine` did. */
export interface RefineResult {
  /** Correction steps kept. */
  readonly steps: number;
  /** ‖rhs − K·x‖∞ of the returned x, K unregularized. */
  readonly residualNorm: number;
}

/**
 * Iterative refinement: x ← x + K̃⁻¹(rhs − K·x), where K is the UNREGULARIZED matrix (`values`
 * in the caller's order, as passed to `factor` before regularization) and K̃⁻¹ is the engine's
 * regularized factor. This recovers the accuracy regularization gave away. A step that does not
 * lower the residual is undone. `x` is updated in place and should hold an initial solve.
 */
export function refine(
  engine: Pick<LdlEngine, "solve">,
  pattern: UpperCscPattern,
  values: Float64Array,
  rhs: Float64Array,
  x: Float64Array,
  options: RefineOptions = {},
): RefineResult {
  const { n, rowIdx } = pattern;
  if (rhs.length !== n || x.length !== n || values.length !== rowIdx.length) {
    throw new KernelInputError(
      `refine: rhs (${rhs.length}) and x (${x.length}) need n = ${n} entries, values (${values.length}) ${rowIdx.length}`,
    );
  }
  const maxSteps = options.maxSteps ?? 10;
  const tolerance = (options.absoluteTolerance ?? 1e-12) + (options.relativeTolerance ?? 1e-13) * maxAbs(rhs);
  const stopRatio = options.stopRatio ?? 5;
  const residual = options.work?.residual ?? new Float64Array(n);
  const candidate = options.work?.candidate ?? new Float64Array(n);
  if (residual.length !== n || candidate.length !== n) throw new KernelInputError(`refine: work vectors need n = ${n} entries`);
  let norm = residualInto(pattern, values, rhs, x, residual);
  let steps = 0;
  while (steps < maxSteps && norm > tolerance) {
    engine.solve(residual);
    for (let i = 0; i < n; i++) candidate[i] = x[i]! + residual[i]!;
    const candidateNorm = residualInto(pattern, values, rhs, candidate, residual);
    if (!(candidateNorm < norm)) break;
    x.set(candidate);
    steps++;
    const ratio = norm / candidateNorm;
    norm = candidateNorm;
    if (ratio < stopRatio) break;
  }
  return { steps, residualNorm: norm };
}

function residualInto(pattern: UpperCscPattern, values: Float64Array, rhs: Float64Array, x: Float64Array, out: Float64Array): number {
  symmetricUpperMultiply(pattern.n, pattern.colPtr, pattern.rowIdx, values, x, out);
  let norm = 0;
  for (let i = 0; i < pattern.n; i++) {
    out[i] = rhs[i]! - out[i]!;
    norm = Math.max(norm, Math.abs(out[i]!));
  }
  return norm;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  return m;
}
