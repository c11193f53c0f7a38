import { describe, expect, it } from "vitest";
import { choleskyExtend, choleskyInPlace, choleskySolveInPlace } from "./cholesky.js";

describe("choleskyExtend", () => {
  let s = 5;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
  /** A random SPD n×n matrix (row-major), nearly singular when `thin`. */
  const spd = (n: number, thin: boolean) => {
    const a = Array.from({ length: n * n }, rnd);
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let v = i === j ? (thin ? 1e-14 : 0.1) : 0;
        for (let k = 0; k < n - (thin ? 1 : 0); k++) v += a[i * n + k]! * a[j * n + k]!;
        m[i * n + j] = v;
      }
    return m;
  };

  it("grows a factor row by row to the bits of choleskyInPlace, and solves with a stride", () => {
    for (const n of [1, 2, 5, 9, 17]) {
      const m = spd(n, false);
      const whole = m.slice();
      expect(choleskyInPlace(whole, n)).toBe(true);
      const stride = n + 3;
      const l = new Float64Array(stride * stride);
      const pivots = new Float64Array(n);
      let rows = 0;
      // Extend one, two, then the rest.
      for (const to of [Math.min(1, n), Math.min(3, n), n]) rows = choleskyExtend(l, stride, rows, to, (i, j) => m[i * n + j]!, 0, pivots);
      expect(rows).toBe(n);
      for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) expect(l[i * stride + j]).toBe(whole[i * n + j]);
      const b = Float64Array.from({ length: n }, rnd);
      const x1 = b.slice();
      const x2 = b.slice();
      choleskySolveInPlace(whole, n, x1);
      choleskySolveInPlace(l, n, x2, stride);
      expect([...x2]).toEqual([...x1]);
    }
  });

  it("stops at the same row choleskyInPlace rejects", () => {
    const n = 6;
    const m = spd(n, true);
    const whole = m.slice();
    expect(choleskyInPlace(whole, n, 1e-10)).toBe(false);
    let maxDiag = 0;
    for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(m[i * n + i]!));
    const rows = choleskyExtend(new Float64Array(n * n), n, 0, n, (i, j) => m[i * n + j]!, 1e-10 * maxDiag, new Float64Array(n));
    expect(rows).toBeLessThan(n);
  });
});

describe("choleskyInPlace", () => {
  // The definition, one row at a time with one running sum per entry (the order before rows were
  // taken four at a time): the factor must match it to the bit.
  function reference(a: Float64Array, n: number): Float64Array {
    const l = Float64Array.from(a);
    for (let j = 0; j < n; j++) {
      let diag = l[j * n + j]!;
      for (let k = 0; k < j; k++) diag -= l[j * n + k]! * l[j * n + k]!;
      const ljj = Math.sqrt(diag);
      l[j * n + j] = ljj;
      for (let i = j + 1; i < n; i++) {
        let s = l[i * n + j]!;
        for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
        l[i * n + j] = s / ljj;
      }
    }
    return l;
  }

  it("takes rows four at a time with the bits of one row at a time (n = 1 … 13, 50)", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5;
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 50]) {
      const b = Float64Array.from({ length: n * n }, next);
      const a = new Float64Array(n * n);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < n; j++) {
          let s = i === j ? 0.1 : 0;
          for (let k = 0; k < n; k++) s += b[i * n + k]! * b[j * n + k]!;
          a[i * n + j] = s;
        }
      const want = reference(a, n);
      const got = Float64Array.from(a);
      expect(choleskyInPlace(got, n)).toBe(true);
      for (let i = 0; i < n; i++)
        for (let j = 0; j <= i; j++) expect(Object.is(got[i * n + j], want[i * n + j]), `n=${n} (${i},${j})`).toBe(true);
    }
  });
});
