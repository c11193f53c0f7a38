import type { ConicProblem } from "../problem.js";
import { lcgUniform } from "./lcg.js";

/** softplus(u) = log(1 + eᵘ), without overflow. */
export const softplus = (u: number) => (u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u)));

/**
 * The UserAlign confidence-set problem in conic form: minimize cᵀθ subject to ‖θ‖ ≤ S and
 * Σᵢ softplus(aᵢᵀθ) ≤ L, each softplus(u) ≤ tᵢ written as exp(−tᵢ) + exp(u − tᵢ) ≤ 1, i.e.
 * (−tᵢ, 1, v₁) ∈ K_exp, (u − tᵢ, 1, v₂) ∈ K_exp, v₁ + v₂ ≤ 1. Variables (θ, t, v₁, v₂).
 */
export function confidenceSetProblem(a: number[][], c: number[], S: number, L: number): ConicProblem {
  const T = a.length;
  const d = c.length;
  const n = d + 3 * T;
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  const b: number[] = [];
  const put = (col: number, val: number) => {
    rows.push(b.length);
    cols.push(col);
    vals.push(val);
  };
  const tCol = (i: number) => d + i;
  const v1Col = (i: number) => d + T + i;
  const v2Col = (i: number) => d + 2 * T + i;
  for (let i = 0; i < T; i++) {
    put(tCol(i), 1);
    b.push(0);
    b.push(1);
    put(v1Col(i), -1);
    b.push(0);
    a[i]!.forEach((v, k) => put(k, -v));
    put(tCol(i), 1);
    b.push(0);
    b.push(1);
    put(v2Col(i), -1);
    b.push(0);
  }
  for (let i = 0; i < T; i++) {
    put(v1Col(i), 1);
    put(v2Col(i), 1);
    b.push(1);
  }
  for (let i = 0; i < T; i++) put(tCol(i), 1);
  b.push(L);
  b.push(S);
  for (let k = 0; k < d; k++) {
    put(k, -1);
    b.push(0);
  }
  return {
    q: [...c, ...new Array<number>(3 * T).fill(0)],
    A: { rows, cols, vals, shape: [b.length, n] },
    b,
    cones: [
      ...Array.from({ length: 2 * T }, () => ({ type: "exp" as const, dim: 3 as const })),
      { type: "nonneg", dim: T + 1 },
      { type: "soc", dim: d + 1 },
    ],
  };
}

/**
 * A random confidence-set instance: T comparison rows a and a cost c (entries uniform in ±½), and
 * loss0 = the loss at a random θ₀, so loss levels like 1.02·loss0 make the loss constraint bind.
 */
export function confidenceSetInstance(seed: number, d: number, T: number): { a: number[][]; c: number[]; loss0: number } {
  const r = lcgUniform(seed);
  const a = Array.from({ length: T }, () => Array.from({ length: d }, () => r()));
  const c = Array.from({ length: d }, () => r());
  const theta0 = Array.from({ length: d }, () => r());
  const loss0 = a.reduce((sum, ai) => sum + softplus(ai.reduce((s, v, k) => s + v * theta0[k]!, 0)), 0);
  return { a, c, loss0 };
}
