/**
 * passiveSetBounds runs its triangular solves and the Lᵀx⁺ correction over all candidates at
 * once (row passes, four rows per pass). Each bound is checked against the same formula evaluated
 * per candidate with plain dense algebra (Gaussian elimination on G_PP, no Cholesky, no row
 * passes): ‖c‖² − (bᵀx⁺)²/(x⁺ᵀG_PP x⁺) with x = −G_PP⁻¹b_P, on data where some candidates' x has
 * negative entries and some not.
 */
import { describe, expect, it } from "vitest";
import { passiveSetBounds } from "../src/solver/passive-set-bounds.js";
import type { HalfspaceSystem } from "../src/solver/cone-projection.js";

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
}

/** Solves A·x = r for a small dense SPD A by Gaussian elimination. */
function solveDense(a: number[][], r: number[]): number[] {
  const m = r.length;
  const A = a.map((row, i) => [...row, r[i]!]);
  for (let c = 0; c < m; c++) {
    for (let i = c + 1; i < m; i++) {
      const f = A[i]![c]! / A[c]![c]!;
      for (let k = c; k <= m; k++) A[i]![k]! -= f * A[c]![k]!;
    }
  }
  const x = new Array<number>(m).fill(0);
  for (let i = m - 1; i >= 0; i--) {
    let s = A[i]![m]!;
    for (let k = i + 1; k < m; k++) s -= A[i]![k]! * x[k]!;
    x[i] = s / A[i]![i]!;
  }
  return x;
}

describe("passiveSetBounds", () => {
  for (const p of [1, 3, 6, 9]) {
    it(`matches the per-candidate formula (p = ${p}, with and without a subset)`, () => {
      const rnd = lcg(7 + p);
      const t = 12;
      const dim = 16;
      const n = 60;
      const z = Array.from({ length: t }, () => Array.from({ length: dim }, rnd));
      const c = Array.from({ length: n }, (_, j) => Array.from({ length: dim }, (_, k) => (j % 3 === 0 ? -z[k % t]![k]! : rnd())));
      const dot = (u: number[], v: number[]) => u.reduce((s, x, k) => s + x * v[k]!, 0);
      const gram = new Float64Array(t * t);
      for (let i = 0; i < t; i++) for (let j = 0; j < t; j++) gram[i * t + j] = dot(z[i]!, z[j]!);
      const system = { gram, gramStride: t } as unknown as HalfspaceSystem;
      const rows = {
        count: n,
        halfspaceRow: (k: number, out: Float64Array) => {
          for (let j = 0; j < n; j++) out[j] = dot(z[k]!, c[j]!);
          return out;
        },
        normsSq: (out: Float64Array) => {
          for (let j = 0; j < n; j++) out[j] = dot(c[j]!, c[j]!);
          return out;
        },
      };
      const passive = Array.from({ length: p }, (_, i) => (i * 5) % t).sort((a, b) => a - b);
      const gPP = passive.map((a) => passive.map((b) => gram[a * t + b]!));
      let negatives = 0;
      const expected = c.map((cj) => {
        const bP = passive.map((k) => dot(z[k]!, cj));
        const x = solveDense(
          gPP,
          bP.map((v) => -v),
        );
        if (x.some((v) => v < 0)) negatives++;
        const xp = x.map((v) => Math.max(0, v));
        const beta = dot(bP, xp);
        const gamma = dot(
          xp,
          gPP.map((row) => dot(row, xp)),
        );
        const c2 = dot(cj, cj);
        return beta < 0 && gamma > 0 ? c2 - (beta * beta) / gamma : c2;
      });
      if (p > 1) expect(negatives).toBeGreaterThan(0);
      if (p <= 6) expect(negatives).toBeLessThan(n);
      const all = passiveSetBounds(system, passive, p, rows)!;
      const subset = Int32Array.from({ length: n >> 1 }, (_, m) => 2 * m + 1);
      const some = passiveSetBounds(system, passive, p, rows, subset)!;
      for (let j = 0; j < n; j++) {
        const scale = 1 + Math.abs(expected[j]!);
        // An upper bound: never below the formula, above it only by the slack and rounding.
        expect(all[j]!).toBeGreaterThanOrEqual(expected[j]! - 1e-12 * scale);
        expect(all[j]! - expected[j]!).toBeLessThan(1e-8 * scale);
      }
      subset.forEach((j, m) => expect(some[m]).toBe(all[j]));
    });
  }
});
