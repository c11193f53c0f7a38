import { cscCopy, type CscMatrix } from "../csc.js";
import type { CheckedProblem } from "../input/validate.js";
import type { ConeSpec } from "../problem.js";

/** A problem rescaled as Ã = D·A·E, P̃ = E·P·E, q̃ = E·q, b̃ = D·b (x = E·x̃, y = D·ỹ, s = D⁻¹·s̃). */
export interface ScaledProblem {
  readonly A: CscMatrix;
  readonly P: CscMatrix;
  readonly q: Float64Array;
  readonly b: Float64Array;
  /** Row factors D (constant within each SOC and exp block, so the cones are unchanged). */
  readonly D: Float64Array;
  /** Column factors E. */
  readonly E: Float64Array;
}

const MIN_FACTOR = 1e-8;
const MAX_FACTOR = 1e8;

/**
 * Simple equilibration (SCS-style, no claim to Ruiz's optimality): a few passes that divide each
 * row of A and each column of [P; A] by the square root of its largest entry. A cone block must
 * share one row factor, so SOC and exp blocks take the largest norm of their rows.
 */
export function equilibrate(problem: CheckedProblem, passes: number): ScaledProblem {
  const { n, m, cones } = problem;
  const A = cscCopy(problem.A);
  const P = cscCopy(problem.P);
  const D = new Float64Array(m).fill(1);
  const E = new Float64Array(n).fill(1);
  const rowNorm = new Float64Array(m);
  const colNorm = new Float64Array(n);
  for (let pass = 0; pass < passes; pass++) {
    rowNorm.fill(0);
    colNorm.fill(0);
    for (let j = 0; j < n; j++) {
      for (let p = A.colPtr[j]!; p < A.colPtr[j + 1]!; p++) {
        const v = Math.abs(A.values[p]!);
        const i = A.rowIdx[p]!;
        if (v > rowNorm[i]!) rowNorm[i] = v;
        if (v > colNorm[j]!) colNorm[j] = v;
      }
      for (let p = P.colPtr[j]!; p < P.colPtr[j + 1]!; p++) {
        const v = Math.abs(P.values[p]!);
        const i = P.rowIdx[p]!;
        if (v > colNorm[j]!) colNorm[j] = v;
        if (v > colNorm[i]!) colNorm[i] = v;
      }
    }
    blockMax(cones, rowNorm);
    const dRow = rowNorm.map((v, i) => clampFactor(v, D[i]!));
    const dCol = colNorm.map((v, j) => clampFactor(v, E[j]!));
    for (let j = 0; j < n; j++) {
      for (let p = A.colPtr[j]!; p < A.colPtr[j + 1]!; p++) A.values[p]! *= dRow[A.rowIdx[p]!]! * dCol[j]!;
      for (let p = P.colPtr[j]!; p < P.colPtr[j + 1]!; p++) P.values[p]! *= dCol[P.rowIdx[p]!]! * dCol[j]!;
    }
    for (let i = 0; i < m; i++) D[i]! *= dRow[i]!;
    for (let j = 0; j < n; j++) E[j]! *= dCol[j]!;
  }
  const q = problem.q.map((v, j) => v * E[j]!);
  const b = problem.b.map((v, i) => v * D[i]!);
  return { A, P, q, b, D, E };
}

/** 1/√norm, keeping the accumulated factor within [1e-8, 1e8]; empty rows and columns stay put. */
function clampFactor(norm: number, accumulated: number): number {
  if (!(norm > 0)) return 1;
  const f = 1 / Math.sqrt(norm);
  return Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, accumulated * f)) / accumulated;
}

function blockMax(cones: readonly ConeSpec[], v: Float64Array): void {
  let o = 0;
  for (const cone of cones) {
    if (cone.type === "soc" || cone.type === "exp") {
      let mx = 0;
      for (let i = 0; i < cone.dim; i++) mx = Math.max(mx, v[o + i]!);
      for (let i = 0; i < cone.dim; i++) v[o + i] = mx;
    }
    o += cone.dim;
  }
}
