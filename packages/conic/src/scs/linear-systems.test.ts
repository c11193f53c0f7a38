import { describe, expect, it } from "vitest";
import { cscFromTriplets } from "../csc.js";
import { SparseKktSystem } from "./kkt-system.js";
import { NormalSystem } from "./normal-system.js";

describe("the two ways of solving an ADMM iteration's system", () => {
  it("agree, and satisfy [rx·I + P, Aᵀ; −A, ry·I]·(x, y) = (f, g)", () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    for (const [m, n] of [
      [7, 4],
      [3, 6],
      [0, 3],
      [12, 12],
    ] as const) {
      const rows: number[] = [];
      const cols: number[] = [];
      const vals: number[] = [];
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) if (rand() > 0.3) rows.push(i), cols.push(j), vals.push(rand());
      const A = cscFromTriplets(m, n, rows, cols, vals);
      // P = LLᵀ, upper triangle.
      const L = Array.from({ length: n }, () => Array.from({ length: n }, () => (rand() > 0.5 ? rand() : 0)));
      const pr: number[] = [];
      const pc: number[] = [];
      const pv: number[] = [];
      for (let i = 0; i < n; i++)
        for (let j = i; j < n; j++) {
          const v = L[i]!.reduce((s, x, k) => s + x * L[j]![k]!, 0);
          if (v !== 0) pr.push(i), pc.push(j), pv.push(v);
        }
      const P = cscFromTriplets(n, n, pr, pc, pv);
      const rx = 1e-6;
      const ry = 0.7;
      const f0 = Float64Array.from({ length: n }, rand);
      const g0 = Float64Array.from({ length: m }, rand);
      const [f1, g1] = [f0.slice(), g0.slice()];
      const [f2, g2] = [f0.slice(), g0.slice()];
      new NormalSystem(A, P, rx, ry).solve(f1, g1);
      new SparseKktSystem(A, P, rx, ry).solve(f2, g2);
      const scale = Math.max(1, ...Array.from(f1, Math.abs));
      f1.forEach((v, i) => expect(Math.abs(v - f2[i]!)).toBeLessThan(1e-8 * scale));
      g1.forEach((v, i) => expect(Math.abs(v - g2[i]!)).toBeLessThan(1e-8 * scale));
      // residual of the sparse solution against the system written out
      for (let i = 0; i < n; i++) {
        let r = rx * f2[i]!;
        for (let j = 0; j < n; j++) r += L[i]!.reduce((s, x, k) => s + x * L[j]![k]!, 0) * f2[j]!;
        for (let k = 0; k < vals.length; k++) if (cols[k] === i) r += vals[k]! * g2[rows[k]!]!;
        expect(Math.abs(r - f0[i]!)).toBeLessThan(1e-9 * scale);
      }
    }
  });
});
