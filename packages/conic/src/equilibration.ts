import { cscCopy, type CscMatrix } from "./csc.js";
import type { CheckedProblem } from "./input/validate.js";

/**
 * Ruiz equilibration of the KKT matrix [P Aᵀ; A 0] plus a cost scaling c. The solver works on
 *   P̂ = c·DPD,  q̂ = c·Dq,  Â = EAD,  b̂ = Eb,
 * and maps back x = Dx̂, s = E⁻¹ŝ, z = Eẑ/c (objective ÷ c). E is constant on each second-order and
 * exponential cone so that scaling maps the cone onto itself.
 */
export interface Equilibration {
  /** Column scaling D (length n). */
  readonly D: Float64Array;
  /** Row scaling E (length m). */
  readonly E: Float64Array;
  /** Cost scaling c > 0. */
  readonly c: number;
  /** The scaled problem. */
  readonly scaled: CheckedProblem;
}

/** Options of {@link equilibrate}. */
export interface EquilibrationOptions {
  /** Ruiz passes (0 turns scaling off: D = E = 1, c = 1). */
  readonly iterations: number;
  readonly minScaling: number;
  readonly maxScaling: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Runs Ruiz equilibration on a checked problem (which it does not modify). */
export function equilibrate(problem: CheckedProblem, options: EquilibrationOptions): Equilibration {
  const { n, m } = problem;
  const P = cscCopy(problem.P);
  const A = cscCopy(problem.A);
  const D = new Float64Array(n).fill(1);
  const E = new Float64Array(m).fill(1);
  // Row blocks that must share one factor (soc and exp cones).
  const blocks: [number, number][] = [];
  let row = 0;
  for (const cone of problem.cones) {
    if (cone.type === "soc" || cone.type === "exp") blocks.push([row, row + cone.dim]);
    row += cone.dim;
  }
  const colNorm = new Float64Array(n);
  const rowNorm = new Float64Array(m);
  for (let pass = 0; pass < options.iterations; pass++) {
    colNorm.fill(0);
    rowNorm.fill(0);
    forEachEntry(P, (i, j, v) => {
      colNorm[j] = Math.max(colNorm[j]!, Math.abs(v));
      colNorm[i] = Math.max(colNorm[i]!, Math.abs(v));
    });
    forEachEntry(A, (i, j, v) => {
      colNorm[j] = Math.max(colNorm[j]!, Math.abs(v));
      rowNorm[i] = Math.max(rowNorm[i]!, Math.abs(v));
    });
    for (const [a, b] of blocks) {
      let max = 0;
      for (let i = a; i < b; i++) max = Math.max(max, rowNorm[i]!);
      rowNorm.fill(max, a, b);
    }
    const deltaX = Array.from(colNorm, (v) => (v > 0 ? clamp(1 / Math.sqrt(v), options.minScaling, options.maxScaling) : 1));
    const deltaZ = Array.from(rowNorm, (v) => (v > 0 ? clamp(1 / Math.sqrt(v), options.minScaling, options.maxScaling) : 1));
    scaleInPlace(P, deltaX, deltaX);
    scaleInPlace(A, deltaZ, deltaX);
    for (let j = 0; j < n; j++) D[j] = clamp(D[j]! * deltaX[j]!, options.minScaling, options.maxScaling);
    for (let i = 0; i < m; i++) E[i] = clamp(E[i]! * deltaZ[i]!, options.minScaling, options.maxScaling);
  }
  // Keep the matrices consistent with the (possibly clamped) cumulative factors.
  const Ps = scaledCopy(problem.P, D, D);
  const As = scaledCopy(problem.A, E, D);
  const q = Float64Array.from(problem.q, (v, j) => v * D[j]!);
  let c = 1;
  if (options.iterations > 0) {
    colNorm.fill(0);
    forEachEntry(Ps, (i, j, v) => {
      colNorm[j] = Math.max(colNorm[j]!, Math.abs(v));
      colNorm[i] = Math.max(colNorm[i]!, Math.abs(v));
    });
    const meanP = n > 0 ? colNorm.reduce((s, v) => s + v, 0) / n : 0;
    const qNorm = q.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
    const size = Math.max(meanP, qNorm);
    c = size > 0 ? clamp(1 / size, options.minScaling, options.maxScaling) : 1;
  }
  for (let p = 0; p < Ps.values.length; p++) Ps.values[p]! *= c;
  for (let j = 0; j < n; j++) q[j]! *= c;
  const b = Float64Array.from(problem.b, (v, i) => v * E[i]!);
  return { D, E, c, scaled: { n, m, P: Ps, q, A: As, b, cones: problem.cones } };
}

function forEachEntry(M: CscMatrix, f: (i: number, j: number, v: number) => void): void {
  for (let j = 0; j < M.ncols; j++) for (let p = M.colPtr[j]!; p < M.colPtr[j + 1]!; p++) f(M.rowIdx[p]!, j, M.values[p]!);
}

function scaleInPlace(M: CscMatrix, rowScale: ArrayLike<number>, colScale: ArrayLike<number>): void {
  for (let j = 0; j < M.ncols; j++)
    for (let p = M.colPtr[j]!; p < M.colPtr[j + 1]!; p++) M.values[p]! *= rowScale[M.rowIdx[p]!]! * colScale[j]!;
}

function scaledCopy(M: CscMatrix, rowScale: ArrayLike<number>, colScale: ArrayLike<number>): CscMatrix {
  const out = cscCopy(M);
  scaleInPlace(out, rowScale, colScale);
  return out;
}
