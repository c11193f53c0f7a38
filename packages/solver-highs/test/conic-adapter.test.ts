import { describe, expect, it } from "vitest";
import { isUserAlignError } from "@useralign/core";
import type { ConicProblem } from "@useralign/conic";
import { isUnsupportedProblemError } from "@useralign/conic";
import { loadHighsConicSolver } from "../src/index.js";

const solver = await loadHighsConicSolver();

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i]!, 0);
function aTimes(p: ConicProblem, x: ArrayLike<number>) {
  const out = new Array<number>(p.b.length).fill(0);
  p.A.vals.forEach((v, k) => (out[p.A.rows[k]!]! += v * x[p.A.cols[k]!]!));
  return out;
}
function aTransposeTimes(p: ConicProblem, y: ArrayLike<number>) {
  const out = new Array<number>(p.q.length).fill(0);
  p.A.vals.forEach((v, k) => (out[p.A.cols[k]!]! += v * y[p.A.rows[k]!]!));
  return out;
}

/** KKT of Clarabel's form for zero/nonneg cones, checked here from the raw data. */
function expectKkt(p: ConicProblem, s: Awaited<ReturnType<typeof solver.solve>>, objective: number) {
  expect(s.status).toBe("solved");
  expect(s.primalObjective).toBeCloseTo(objective, 8);
  expect(s.dualObjective).toBeCloseTo(objective, 7);
  const ax = aTimes(p, s.x);
  let row = 0;
  for (const cone of p.cones) {
    for (let i = 0; i < cone.dim; i++, row++) {
      expect(Math.abs(ax[row]! + s.s[row]! - p.b[row]!)).toBeLessThan(1e-8);
      if (cone.type === "nonneg") {
        expect(s.s[row]!).toBeGreaterThanOrEqual(-1e-8);
        expect(s.y[row]!).toBeGreaterThanOrEqual(-1e-8);
        expect(Math.abs(s.s[row]! * s.y[row]!)).toBeLessThan(1e-8);
      } else expect(s.s[row]).toBe(0);
    }
  }
  const px = new Array<number>(p.q.length).fill(0);
  p.P?.vals.forEach((v, k) => {
    const i = p.P!.rows[k]!;
    const j = p.P!.cols[k]!;
    px[i]! += v * s.x[j]!;
    if (i !== j) px[j]! += v * s.x[i]!;
  });
  const aty = aTransposeTimes(p, s.y);
  p.q.forEach((q, i) => expect(Math.abs(px[i]! + q + aty[i]!)).toBeLessThan(1e-8));
}

describe("HiGHS as a ConicSolver (zero and nonneg cones, P by QP)", () => {
  it("LP: max x + 2y + 3z on x + y ≤ 4, y + z ≤ 5, x + z ≤ 6, x,y,z ≥ 0 (optimum 14.5 at (2.5, 1.5, 3.5)... checked by KKT)", async () => {
    const p: ConicProblem = {
      q: [-1, -2, -3],
      A: { rows: [0, 0, 1, 1, 2, 2, 3, 4, 5], cols: [0, 1, 1, 2, 0, 2, 0, 1, 2], vals: [1, 1, 1, 1, 1, 1, -1, -1, -1], shape: [6, 3] },
      b: [4, 5, 6, 0, 0, 0],
      cones: [{ type: "nonneg", dim: 6 }],
    };
    const s = await solver.solve(p);
    expectKkt(p, s, -(2.5 + 2 * 1.5 + 3 * 3.5));
  });

  it("QP with an equality row and an explicit zero in P: min ½‖x‖² − x₁ − x₂ s.t. x₁ − x₂ = 0.2, x₁ + x₂ ≤ 1", async () => {
    const p: ConicProblem = {
      P: { rows: [0, 0, 1], cols: [0, 1, 1], vals: [1, 0, 1], shape: [2, 2] },
      q: [-1, -1],
      A: { rows: [0, 0, 1, 1], cols: [0, 1, 0, 1], vals: [1, -1, 1, 1], shape: [2, 2] },
      b: [0.2, 1],
      cones: [
        { type: "zero", dim: 1 },
        { type: "nonneg", dim: 1 },
      ],
    };
    const s = await solver.solve(p);
    // x = (0.6, 0.4): ½(0.36 + 0.16) − 1 = −0.74.
    expectKkt(p, s, -0.74);
    expect(s.x[0]).toBeCloseTo(0.6, 9);
  });

  it("no constraints (m = 0): min ½x² + x at x = −1", async () => {
    const p: ConicProblem = {
      P: { rows: [0], cols: [0], vals: [1], shape: [1, 1] },
      q: [1],
      A: { rows: [], cols: [], vals: [], shape: [0, 1] },
      b: [],
      cones: [],
    };
    const s = await solver.solve(p);
    expectKkt(p, s, -0.5);
  });

  it("infeasible LP: a Farkas certificate y (Aᵀy = 0, bᵀy < 0, y ≥ 0)", async () => {
    const p: ConicProblem = {
      q: [1, 0],
      A: { rows: [0, 1, 2], cols: [0, 0, 1], vals: [1, -1, 1], shape: [3, 2] },
      b: [-1, -1, 5],
      cones: [{ type: "nonneg", dim: 3 }],
    };
    const s = await solver.solve(p);
    expect(s.status).toBe("primal_infeasible");
    expect(dot(p.b, s.y)).toBeLessThan(0);
    for (const v of aTransposeTimes(p, s.y)) expect(Math.abs(v)).toBeLessThan(1e-9);
    for (const v of s.y) expect(v).toBeGreaterThanOrEqual(0);
  });

  it("unbounded LP: a certificate x (qᵀx < 0, Ax + s = 0, s ≥ 0)", async () => {
    const p: ConicProblem = {
      q: [-1, 1],
      A: { rows: [0, 1], cols: [0, 1], vals: [-1, 1], shape: [2, 2] },
      b: [0, 3],
      cones: [{ type: "nonneg", dim: 2 }],
    };
    const s = await solver.solve(p);
    expect(s.status).toBe("dual_infeasible");
    expect(dot(p.q, s.x)).toBeLessThan(0);
    aTimes(p, s.x).forEach((v, i) => {
      expect(v + s.s[i]!).toBeCloseTo(0, 12);
      expect(s.s[i]!).toBeGreaterThanOrEqual(0);
    });
  });

  it("no variables: feasible iff b ∈ K", async () => {
    const A = { rows: [], cols: [], vals: [], shape: [2, 0] as [number, number] };
    expect(
      (
        await solver.solve({
          q: [],
          A,
          b: [0, 1],
          cones: [
            { type: "zero", dim: 1 },
            { type: "nonneg", dim: 1 },
          ],
        })
      ).status,
    ).toBe("solved");
    const bad = await solver.solve({
      q: [],
      A,
      b: [0, -1],
      cones: [
        { type: "zero", dim: 1 },
        { type: "nonneg", dim: 1 },
      ],
    });
    expect(bad.status).toBe("primal_infeasible");
    expect(Array.from(bad.y)).toEqual([0, 1]);
  });

  for (const cone of ["soc", "exp"] as const) {
    it(`throws UnsupportedProblemError naming the ${cone} cone`, async () => {
      const p: ConicProblem = {
        q: [0, 0, 0],
        A: { rows: [0, 1, 2], cols: [0, 1, 2], vals: [-1, -1, -1], shape: [3, 3] },
        b: [0, 0, 0],
        cones: [{ type: cone, dim: 3 }],
      };
      const err = await Promise.resolve()
        .then(() => solver.solve(p))
        .catch((e) => e);
      expect(isUnsupportedProblemError(err)).toBe(true);
      expect(err.code).toBe("unsupported_problem");
      expect(err.feature).toBe(cone);
      expect(err.message).toContain(`"${cone}" cone`);
    });
  }

  it("rejects bad data with a typed error naming the field", async () => {
    const base: ConicProblem = {
      q: [1],
      A: { rows: [0], cols: [0], vals: [1], shape: [1, 1] },
      b: [1],
      cones: [{ type: "nonneg", dim: 1 }],
    };
    const cases: [ConicProblem, RegExp][] = [
      [{ ...base, q: [NaN] }, /q\.0 is not a finite number/],
      [{ ...base, cones: [{ type: "nonneg", dim: 2 }] }, /cones cover 2 rows, but b has 1/],
      [{ ...base, A: { ...base.A, shape: [2, 1] } }, /A\.shape is \[2, 1\], expected \[1, 1\]/],
      [{ ...base, A: { ...base.A, cols: [3] } }, /A\.cols\.0 = 3 is out of range/],
      [{ ...base, P: { rows: [0], cols: [0], vals: [Infinity], shape: [1, 1] } }, /P\.vals\.0 is not a finite number/],
    ];
    for (const [p, message] of cases) {
      const err = await Promise.resolve()
        .then(() => solver.solve(p))
        .catch((e) => e);
      expect(isUserAlignError(err, "invalid_input")).toBe(true);
      expect(err.message).toMatch(message);
    }
  });
});
