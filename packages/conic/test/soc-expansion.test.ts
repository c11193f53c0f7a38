import { describe, expect, it } from "vitest";
import type { ConicProblem } from "../src/problem.js";
import type { ConicSolution } from "../src/solution.js";
import { expectKkt, expectPrimalCertificate, solve } from "./helpers.js";
import { testRng } from "./kernels/matrices.js";

/** min t s.t. ‖x − c‖ ≤ t, Σx = 1: one SOC of dimension n + 1 (variables (t, x)). The optimum is x = c + (1 − Σc)/n·1. */
function projectionOntoSimplexPlane(n: number): { problem: ConicProblem; x: number[] } {
  const rows: number[] = [0];
  const cols: number[] = [0];
  const vals: number[] = [-1];
  for (let i = 0; i < n; i++) rows.push(1 + i), cols.push(1 + i), vals.push(-1);
  for (let i = 0; i < n; i++) rows.push(n + 1), cols.push(1 + i), vals.push(1);
  const c = Array.from({ length: n }, (_, i) => Math.sin(i));
  const shift = (1 - c.reduce((a, b) => a + b, 0)) / n;
  const problem: ConicProblem = {
    q: [1, ...new Array<number>(n).fill(0)],
    A: { rows, cols, vals, shape: [n + 2, n + 1] },
    b: [0, ...c.map((v) => -v), 1],
    cones: [
      { type: "soc", dim: n + 1 },
      { type: "zero", dim: 1 },
    ],
  };
  return { problem, x: [Math.sqrt(n) * Math.abs(shift), ...c.map((v) => v + shift)] };
}

/** Σᵢ ‖Fᵢx − gᵢ‖ + ‖x‖² with a budget row: several SOCs of mixed sizes, a quadratic objective and an orthant. */
function sumOfNorms(dims: readonly number[], n: number, seed: number): ConicProblem {
  const rng = testRng(seed);
  const k = dims.length;
  // Variables: x (n), t (k).
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  const b: number[] = [];
  let row = 0;
  dims.forEach((dim, i) => {
    rows.push(row), cols.push(n + i), vals.push(-1), b.push(0);
    row++;
    for (let r = 1; r < dim; r++) {
      for (let j = 0; j < n; j++) if (rng() < 0.5) rows.push(row), cols.push(j), vals.push(-(rng() * 2 - 1));
      b.push(rng() * 2 - 1);
      row++;
    }
  });
  // x ≥ −1 componentwise.
  for (let j = 0; j < n; j++) rows.push(row), cols.push(j), vals.push(-1), b.push(1), row++;
  const P = {
    rows: Array.from({ length: n }, (_, j) => j),
    cols: Array.from({ length: n }, (_, j) => j),
    vals: new Array<number>(n).fill(2),
    shape: [n + k, n + k] as [number, number],
  };
  return {
    P,
    q: [...Array.from({ length: n }, () => rng() - 0.5), ...new Array<number>(k).fill(1)],
    A: { rows, cols, vals, shape: [row, n + k] },
    b,
    cones: [...dims.map((dim) => ({ type: "soc" as const, dim })), { type: "nonneg" as const, dim: n }],
  };
}

function expectSame(a: ConicSolution, b: ConicSolution, tol: number): void {
  expect(b.status).toBe(a.status);
  for (const key of ["x", "y", "s"] as const) {
    a[key].forEach((v, i) => {
      if (Number.isNaN(v)) expect(b[key][i]).toBeNaN();
      else expect(Math.abs(b[key][i]! - v)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(v)));
    });
  }
}

const DENSE = { socExpansionThreshold: Number.POSITIVE_INFINITY };
const EXPANDED = { socExpansionThreshold: 0 };

describe.each([0, 1])("second-order cones dense vs expanded in the KKT matrix (solver %i: clarabel, ecos)", (which) => {
  it.each([5, 60, 300])("one SOC of dimension n + 1 = %i + 1: same answer, the known optimum", async (n) => {
    const { problem, x } = projectionOntoSimplexPlane(n);
    const dense = await solve(problem, which, DENSE);
    const expanded = await solve(problem, which, EXPANDED);
    expect(expanded.status).toBe("solved");
    expectKkt(problem, expanded);
    expectSame(dense, expanded, 1e-8);
    x.forEach((v, i) => expect(Math.abs(expanded.x[i]! - v)).toBeLessThan(1e-6));
  });

  it("sum of norms with mixed cone sizes, a quadratic and an orthant: same x, y, s", async () => {
    const problem = sumOfNorms([1, 2, 3, 5, 8, 20], 12, 41);
    const dense = await solve(problem, which, DENSE);
    const expanded = await solve(problem, which, EXPANDED);
    const byDefault = await solve(problem, which);
    expect(dense.status).toBe("solved");
    expectKkt(problem, expanded);
    expectSame(dense, expanded, 1e-8);
    expectSame(dense, byDefault, 1e-8);
  });

  it("SOC and exponential cones together: same answer", async () => {
    // min t + w − 3x₀ s.t. ‖x − c‖ ≤ t (dim 7), exp(x₀) ≤ w, i.e. (x₀, 1, w) ∈ K_exp, and x₀ ≤ 0:
    // x₀ = 0 at a corner. The dual there is not unique to first order: y_exp = (u, −1, 1) touches the
    // dual cone's boundary at u = −1 tangentially, so u (and the bound's multiplier with it) moves by
    // ~√gap ≈ 1e-4 between ANY two runs (measured: 4e-5 between clarabel and ecos, both dense). So x and s are held to
    // 1e-6, y to 1e-3 and the objective to 1e-8; the pure SOCPs above agree to 1e-8 in x, y, s.
    const n = 6;
    const rows: number[] = [0];
    const cols: number[] = [n];
    const vals: number[] = [-1];
    for (let i = 0; i < n; i++) rows.push(1 + i), cols.push(i), vals.push(-1);
    rows.push(n + 1, n + 3, n + 4), cols.push(0, n + 1, 0), vals.push(-1, -1, 1);
    const problem: ConicProblem = {
      q: [-3, ...new Array<number>(n - 1).fill(0), 1, 1],
      A: { rows, cols, vals, shape: [n + 5, n + 2] },
      b: [0, ...Array.from({ length: n }, (_, i) => -Math.cos(i)), 0, 1, 0, 0],
      cones: [
        { type: "soc", dim: n + 1 },
        { type: "exp", dim: 3 },
        { type: "nonneg", dim: 1 },
      ],
    };
    const dense = await solve(problem, which, DENSE);
    const expanded = await solve(problem, which, EXPANDED);
    expect(expanded.status).toBe("solved");
    expectKkt(problem, expanded);
    expect(Math.abs(expanded.x[0]!)).toBeLessThan(1e-7);
    expect(Math.abs(expanded.primalObjective - dense.primalObjective)).toBeLessThan(1e-8 * Math.abs(dense.primalObjective));
    expectSame({ ...dense, y: new Float64Array() }, { ...expanded, y: new Float64Array() }, 1e-6);
    dense.y.forEach((v, i) => expect(Math.abs(expanded.y[i]! - v)).toBeLessThan(1e-3));
  });

  it("an infeasible SOC problem gives the same certificate: ‖x‖ ≤ t, t ≤ −1 (dim 10)", async () => {
    const dim = 10;
    const rows = Array.from({ length: dim }, (_, i) => i);
    const problem: ConicProblem = {
      q: new Array<number>(dim).fill(0).map((_, i) => (i === 0 ? 1 : 0)),
      A: { rows: [...rows, dim], cols: [...rows, 0], vals: [...new Array<number>(dim).fill(-1), 1], shape: [dim + 1, dim] },
      b: [...new Array<number>(dim).fill(0), -1],
      cones: [
        { type: "soc", dim },
        { type: "nonneg", dim: 1 },
      ],
    };
    const dense = await solve(problem, which, DENSE);
    const expanded = await solve(problem, which, EXPANDED);
    expectPrimalCertificate(problem, expanded);
    expectSame(dense, expanded, 1e-8);
  });
});
