import { describe, expect, it } from "vitest";
import { denseSolve } from "../../test/kernels/dense-reference.js";
import {
  arrowhead,
  denseQuasiDefinite,
  grid,
  randomKkt,
  relativeError,
  testRng,
  toUpperCsc,
  type TestMatrix,
} from "../../test/kernels/matrices.js";
import { createLdlEngine } from "./create-engine.js";
import type { KernelKind, LdlEngine } from "./kernel.js";
import { KernelInputError } from "./kernel-error.js";
import { refine } from "./refine.js";

const noReg = { staticReg: 0, dynamicEps: 0, dynamicDelta: 0 };
const kinds: KernelKind[] = ["ts", "wasm"];

function rhsFor(n: number, seed: number): Float64Array {
  const rng = testRng(seed);
  return Float64Array.from({ length: n }, () => rng() * 2 - 1);
}

function withDiagonalShift(t: TestMatrix, shift: (i: number) => number): number[][] {
  return t.dense.map((row, i) => row.map((v, j) => (i === j ? v + shift(i) : v)));
}

function checkSolve(engine: LdlEngine, t: TestMatrix, ordering: "amd" | "natural"): void {
  engine.analyze(t.pattern, { ordering });
  const result = engine.factor(t.values, t.signs, noReg);
  expect(result).toEqual({ ok: true, regularizedPivots: 0 });
  const b = rhsFor(t.pattern.n, 7);
  const expected = denseSolve(t.dense, [...b]);
  const x = b.slice();
  engine.solve(x);
  expect(relativeError(x, expected)).toBeLessThan(1e-10);
}

describe.each(kinds)("LDLᵀ engine (%s)", (kind) => {
  const engine = () => createLdlEngine(kind);

  const cases: TestMatrix[] = [
    randomKkt(8, 5, 0.3, 1),
    randomKkt(30, 20, 0.1, 2),
    randomKkt(40, 25, 0.05, 3),
    randomKkt(12, 12, 0.5, 4),
    denseQuasiDefinite(6, 4, 5),
    arrowhead(25),
    grid(7),
  ];
  for (const t of cases) {
    for (const ordering of ["amd", "natural"] as const) {
      it(`solves ${t.name} (${ordering}) like dense elimination`, async () => {
        checkSolve(await engine(), t, ordering);
      });
    }
  }

  it("solves 1×1 systems of either sign", async () => {
    const e = await engine();
    for (const [v, sign] of [
      [3, 1],
      [-2, -1],
    ] as const) {
      e.analyze({ n: 1, colPtr: Int32Array.of(0, 1), rowIdx: Int32Array.of(0) });
      expect(e.factor(Float64Array.of(v), Int8Array.of(sign), noReg).ok).toBe(true);
      const x = Float64Array.of(6);
      e.solve(x);
      expect(x[0]).toBeCloseTo(6 / v, 14);
    }
  });

  it("handles n = 0", async () => {
    const e = await engine();
    const analysis = e.analyze({ n: 0, colPtr: Int32Array.of(0), rowIdx: new Int32Array(0) });
    expect(analysis.nnzL).toBe(0);
    expect(e.factor(new Float64Array(0), new Int8Array(0), noReg).ok).toBe(true);
    e.solve(new Float64Array(0));
  });

  it("sums repeated entries and keeps explicit zeros structural", async () => {
    const t = randomKkt(10, 6, 0.3, 11);
    const zeros = [
      [0, 15],
      [3, 4],
      [12, 13],
    ] as const;
    const csc = toUpperCsc(t.dense, { duplicate: true, explicitZeros: zeros });
    const e = await engine();
    const analysis = e.analyze(csc.pattern);
    expect(analysis.map.length).toBe(csc.values.length);
    expect(e.factor(csc.values, t.signs, noReg).ok).toBe(true);
    const b = rhsFor(16, 3);
    const x = b.slice();
    e.solve(x);
    expect(relativeError(x, denseSolve(t.dense, [...b]))).toBeLessThan(1e-10);
  });

  it("gives an empty column (missing diagonal) a slot for static regularization", async () => {
    // Column 3 is an all-zero dual row: only static regularization makes the matrix nonsingular.
    const t = randomKkt(5, 3, 0.6, 21);
    const dense = t.dense.map((row) => [...row]);
    for (let j = 0; j < 8; j++) {
      dense[6]![j] = 0;
      dense[j]![6] = 0;
    }
    const csc = toUpperCsc(dense, { dropZeroDiagonal: true });
    const e = await engine();
    e.analyze(csc.pattern);
    const reg = { staticReg: 1e-7, dynamicEps: 0, dynamicDelta: 0 };
    expect(e.factor(csc.values, t.signs, reg).ok).toBe(true);
    const regularized = dense.map((row, i) => row.map((v, j) => (i === j ? v + t.signs[i]! * 1e-7 : v)));
    const b = rhsFor(8, 5);
    const x = b.slice();
    e.solve(x);
    expect(relativeError(x, denseSolve(regularized, [...b]))).toBeLessThan(1e-9);
  });

  it("replaces pivots of the wrong sign and counts them, or reports failure without dynamic regularization", async () => {
    const e = await engine();
    // Natural order so the zero pivot is the second one.
    e.analyze({ n: 2, colPtr: Int32Array.of(0, 1, 3), rowIdx: Int32Array.of(0, 0, 1) }, { ordering: "natural" });
    const values = Float64Array.of(1, 1, 1); // [[1, 1], [1, 1]]: D₂ = 0 where −1 is wanted
    const signs = Int8Array.of(1, -1);
    expect(e.factor(values, signs, noReg)).toEqual({ ok: false, regularizedPivots: 0 });
    expect(() => e.solve(Float64Array.of(1, 1))).toThrow(KernelInputError);
    const dynamic = { staticReg: 0, dynamicEps: 1e-13, dynamicDelta: 1e-7 };
    expect(e.factor(values, signs, dynamic)).toEqual({ ok: true, regularizedPivots: 1 });
    const x = Float64Array.of(1, 2);
    e.solve(x);
    const expected = denseSolve(
      [
        [1, 1],
        [1, 1 - 1e-7],
      ],
      [1, 2],
    );
    expect(relativeError(x, expected)).toBeLessThan(1e-6);
  });

  it("reports non-finite values as a failed factor", async () => {
    const t = randomKkt(4, 3, 0.5, 8);
    const e = await engine();
    e.analyze(t.pattern);
    const values = t.values.slice();
    values[0] = Number.NaN;
    expect(e.factor(values, t.signs, { staticReg: 1e-8, dynamicEps: 1e-13, dynamicDelta: 1e-7 }).ok).toBe(false);
  });

  it("refactors updated values without re-analysis", async () => {
    const t = randomKkt(20, 15, 0.15, 31);
    const e = await engine();
    const analysis = e.analyze(t.pattern);
    const values = t.values.slice();
    for (let round = 1; round <= 3; round++) {
      // Scale the dual diagonal as an interior-point iteration rescales its W block.
      for (let j = 20; j < 35; j++) values[t.pattern.colPtr[j + 1]! - 1] = -round * (0.5 + (j % 4));
      const dense = withDiagonalShift(t, () => 0).map((row, i) => row.map((v, j) => (i === j && i >= 20 ? -round * (0.5 + (i % 4)) : v)));
      expect(e.factor(values, t.signs, noReg).ok).toBe(true);
      const b = rhsFor(35, round);
      const x = b.slice();
      e.solve(x);
      expect(relativeError(x, denseSolve(dense, [...b]))).toBeLessThan(1e-10);
    }
    expect(analysis.map.every((q) => q >= 0 && q < analysis.nnzPermuted)).toBe(true);
  });

  it("recovers the unregularized solution by iterative refinement", async () => {
    const t = randomKkt(30, 20, 0.1, 41);
    const e = await engine();
    e.analyze(t.pattern);
    expect(e.factor(t.values, t.signs, { staticReg: 1e-5, dynamicEps: 1e-13, dynamicDelta: 1e-7 }).ok).toBe(true);
    const b = rhsFor(50, 9);
    const exact = denseSolve(t.dense, [...b]);
    const x = b.slice();
    e.solve(x);
    const before = relativeError(x, exact);
    const result = refine(e, t.pattern, t.values, b, x, { maxSteps: 20 });
    expect(before).toBeGreaterThan(1e-8);
    expect(result.steps).toBeGreaterThan(0);
    expect(result.residualNorm).toBeLessThan(1e-11);
    expect(relativeError(x, exact)).toBeLessThan(1e-10);
    // Caller-owned work vectors (the IPM's, to avoid allocation) give the same iterates, bit for bit.
    const y = b.slice();
    e.solve(y);
    const work = { residual: new Float64Array(50), candidate: new Float64Array(50) };
    const again = refine(e, t.pattern, t.values, b, y, { maxSteps: 20, work });
    expect(again).toEqual(result);
    expect(Array.from(y)).toEqual(Array.from(x));
    expect(() =>
      refine(e, t.pattern, t.values, b, y, { work: { residual: new Float64Array(49), candidate: new Float64Array(50) } }),
    ).toThrow(KernelInputError);
  });

  it("rejects malformed input with KernelInputError", async () => {
    const e = await engine();
    const bad = [
      { n: 2, colPtr: Int32Array.of(0, 1), rowIdx: Int32Array.of(0) },
      { n: 2, colPtr: Int32Array.of(0, 2, 1), rowIdx: Int32Array.of(0) },
      { n: 2, colPtr: Int32Array.of(0, 1, 2), rowIdx: Int32Array.of(1, 1) }, // (1, 0) is below the diagonal
      { n: 1, colPtr: Int32Array.of(0, 1), rowIdx: Int32Array.of(-1) },
      { n: -1, colPtr: Int32Array.of(0), rowIdx: new Int32Array(0) },
    ];
    for (const pattern of bad) expect(() => e.analyze(pattern)).toThrow(KernelInputError);
    expect(() => e.factor(Float64Array.of(1), Int8Array.of(1), noReg)).toThrow(/before analyze/);
    e.analyze({ n: 1, colPtr: Int32Array.of(0, 1), rowIdx: Int32Array.of(0) });
    expect(() => e.factor(Float64Array.of(1, 2), Int8Array.of(1), noReg)).toThrow(/values has 2 entries/);
    expect(() => e.factor(Float64Array.of(1), Int8Array.of(0), noReg)).toThrow(/must be \+1 or −1/);
    expect(() => e.factor(Float64Array.of(1), Int8Array.of(1), { ...noReg, staticReg: -1 })).toThrow(/staticReg/);
    expect(() => e.analyze({ n: 1, colPtr: Int32Array.of(0, 1), rowIdx: Int32Array.of(0) }, { ordering: "metis" as "amd" })).toThrow(
      /unknown ordering/,
    );
    expect(e.factor(Float64Array.of(2), Int8Array.of(1), noReg).ok).toBe(true);
    expect(() => e.solve(Float64Array.of(1, 2))).toThrow(/rhs has 2 entries/);
    // A rejected call loses no state: the last good factor still solves.
    expect(() => e.factor(Float64Array.of(5), Int8Array.of(3), noReg)).toThrow(KernelInputError);
    expect(() => e.factor(Float64Array.of(5), Int8Array.of(1), { ...noReg, dynamicEps: Number.NaN })).toThrow(/dynamicEps/);
    const x = Float64Array.of(4);
    e.solve(x);
    expect(x[0]).toBe(2);
  });
});
