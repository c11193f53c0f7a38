/**
 * The shared passive-set bounds' row passes run in a WebAssembly SIMD kernel where the platform
 * has one and in TypeScript elsewhere. The kernel does the TypeScript route's operations in the
 * same order, so the two must agree bit for bit (odd candidate counts exercise the kernel's zero
 * padding); the bounds built on them are checked against plain Gaussian elimination in
 * passive-set-bounds.test.ts.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { rowPasses, rowPassesTypeScript } from "../src/solver/row-passes.js";
import { rowPassesWasm } from "../src/solver/row-passes-kernel.js";

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
}

/** A random lower-triangular factor with a positive diagonal, and p random rows of n entries. */
function instance(p: number, n: number, seed: number) {
  const rnd = lcg(seed);
  const factor = new Float64Array(p * p);
  for (let i = 0; i < p; i++) for (let j = 0; j <= i; j++) factor[i * p + j] = i === j ? 0.5 + Math.abs(rnd()) : 0.4 * rnd();
  const rows = Array.from({ length: p }, () => Float64Array.from({ length: n }, rnd));
  return { factor, fill: (i: number, out: Float64Array) => out.set(rows[i]!) };
}

const maxDiff = (a: Float64Array, b: Float64Array) => {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, j) => Math.max(m, Math.abs(v - b[j]!)), 0);
};

describe("row passes of the passive-set bounds", () => {
  it("run in the WebAssembly kernel under Node", () => {
    const { factor, fill } = instance(3, 8, 1);
    expect(rowPassesWasm(3, 8, factor, fill)).not.toBeNull();
  });

  for (const [p, n] of [
    [1, 1],
    [2, 7],
    [3, 10],
    [4, 9],
    [5, 64],
    [9, 33],
    [33, 957],
  ] as const) {
    it(`give the same bits in WebAssembly and TypeScript (p = ${p}, n = ${n})`, () => {
      const { factor, fill } = instance(p, n, 100 + p * n);
      const wasm = rowPassesWasm(p, n, factor, fill)!;
      const ts = rowPassesTypeScript(p, n, factor, fill);
      for (const key of ["beta", "betaAbs", "xx", "ww"] as const) expect(maxDiff(wasm[key], ts[key]), key).toBe(0);
      // The cut applies (β < 0) to some candidates.
      expect(ts.beta.some((v) => v < 0)).toBe(true);
      expect(maxDiff(rowPasses(p, n, factor, fill).ww, ts.ww)).toBe(0);
    });
  }

  it("match the definitions per candidate: β = bᵀx⁺, ‖x‖², ‖Lᵀx⁺‖² with x = −(LLᵀ)⁻¹b", () => {
    const p = 6;
    const n = 11;
    const { factor, fill } = instance(p, n, 77);
    const sums = rowPasses(p, n, factor, fill);
    const b = Array.from({ length: p }, (_, i) => {
      const row = new Float64Array(n);
      fill(i, row);
      return row;
    });
    const L = (i: number, k: number) => (k <= i ? factor[i * p + k]! : 0);
    for (let j = 0; j < n; j++) {
      // Forward then backward substitution, per candidate.
      const y = new Array<number>(p).fill(0);
      for (let i = 0; i < p; i++) {
        let s = -b[i]![j]!;
        for (let k = 0; k < i; k++) s -= L(i, k) * y[k]!;
        y[i] = s / L(i, i);
      }
      const x = new Array<number>(p).fill(0);
      for (let i = p - 1; i >= 0; i--) {
        let s = y[i]!;
        for (let k = i + 1; k < p; k++) s -= L(k, i) * x[k]!;
        x[i] = s / L(i, i);
      }
      const plus = x.map((v) => Math.max(v, 0));
      const beta = plus.reduce((s, v, i) => s + v * b[i]![j]!, 0);
      const xx = x.reduce((s, v) => s + v * v, 0);
      let ww = 0;
      for (let i = 0; i < p; i++) {
        let w = 0;
        for (let k = i; k < p; k++) w += L(k, i) * plus[k]!;
        ww += w * w;
      }
      expect(Math.abs(sums.beta[j]! - beta)).toBeLessThan(1e-12 * (1 + Math.abs(beta)));
      expect(Math.abs(sums.xx[j]! - xx)).toBeLessThan(1e-12 * (1 + xx));
      expect(Math.abs(sums.ww[j]! - ww)).toBeLessThan(1e-12 * (1 + ww));
    }
  });
});

describe("embedded row-pass kernel", () => {
  it("matches a fresh compile of assembly/row-passes.ts (run `pnpm build:wasm` after editing it)", () => {
    const script = fileURLToPath(new URL("../scripts/build-wasm.mjs", import.meta.url));
    const out = execFileSync(process.execPath, [script, "--check"], { encoding: "utf8" });
    expect(out).toContain("matches a fresh compile");
  }, 30_000);
});
