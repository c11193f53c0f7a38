import { appendFileSync } from "node:fs";
import { expect } from "vitest";
import { createClarabelSolver, createEcosSolver } from "../src/ipm-solvers.js";
import type { ConicProblem, Triplets } from "../src/problem.js";
import type { IpmSettings } from "../src/settings.js";
import type { ConicSolution } from "../src/solution.js";
import { isErrored } from "../src/status.js";

/** Dense m×n rows → zero-based triplets (zeros dropped). */
export function dense(rows: readonly (readonly number[])[], ncols?: number): Triplets {
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  rows.forEach((row, i) =>
    row.forEach((x, j) => {
      if (x !== 0) {
        r.push(i);
        c.push(j);
        v.push(x);
      }
    }),
  );
  return { rows: r, cols: c, vals: v, shape: [rows.length, ncols ?? rows[0]?.length ?? 0] };
}

/** The solvers under test, on the TypeScript kernels (the WASM path runs where the kernels package provides it). */
export const SOLVERS = [createClarabelSolver(), createEcosSolver()] as const;

/**
 * Solves with the TypeScript kernels and again with the WebAssembly kernels, and asserts the two
 * runs agree (same status and iterations, solutions to 1e-9): the WASM path is checked on every test.
 */
export async function solve(problem: ConicProblem, which = 0, settings: Partial<IpmSettings> = {}): Promise<ConicSolution> {
  const ts = await SOLVERS[which]!.solve(problem, { ...settings, kernels: "ts" });
  const wasm = await SOLVERS[which]!.solve(problem, { ...settings, kernels: "wasm" });
  expect(wasm.status).toBe(ts.status);
  expect(wasm.iterations).toBe(ts.iterations);
  for (const key of ["x", "y", "s"] as const) {
    ts[key].forEach((v, i) => {
      const w = wasm[key][i]!;
      if (Number.isNaN(v)) expect(Number.isNaN(w)).toBe(true);
      else expect(Math.abs(w - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(v)));
    });
  }
  return ts;
}

/**
 * Records the iterations of a finished test solve. With CONIC_ITERATIONS_LOG=<file> set, appends
 * "<solver> <status> <iterations>" lines there (for the iteration statistics in docs/conic.md).
 */
function record(sol: ConicSolution): void {
  expect(sol.iterations).toBeLessThanOrEqual(30);
  const log = process.env.CONIC_ITERATIONS_LOG;
  if (log) appendFileSync(log, `${sol.solver} ${sol.status} ${sol.iterations}\n`);
}

/** Dense Ax, Aᵀy, and P (upper triplets) times x. */
function tripletsMultiply(T: Triplets, x: ArrayLike<number>, transpose = false, symmetricUpper = false): number[] {
  const out = new Array<number>(transpose ? T.shape[1] : T.shape[0]).fill(0);
  for (let k = 0; k < T.rows.length; k++) {
    const i = T.rows[k]!;
    const j = T.cols[k]!;
    const v = T.vals[k]!;
    if (transpose) out[j]! += v * x[i]!;
    else out[i]! += v * x[j]!;
    if (symmetricUpper && i !== j) out[j]! += v * x[i]!;
  }
  return out;
}

/** Whether v lies in the dual cone K* of the problem's cones (with tolerance). */
export function inDualCone(problem: ConicProblem, y: ArrayLike<number>, tol: number): boolean {
  let o = 0;
  for (const c of problem.cones) {
    const seg = Array.from({ length: c.dim }, (_, i) => y[o + i]!);
    o += c.dim;
    if (c.type === "nonneg" && seg.some((v) => v < -tol)) return false;
    if (c.type === "soc" && seg[0]! < Math.hypot(...seg.slice(1)) - tol) return false;
    if (c.type === "exp") {
      const [u, v, w] = seg as [number, number, number];
      if (u > tol || w < -tol) return false;
      if (u < -tol && -u * Math.exp(v / u) > Math.E * w + tol * (1 + Math.abs(w))) return false;
    }
  }
  return true;
}

/** Whether s lies in K. */
export function inCone(problem: ConicProblem, s: ArrayLike<number>, tol: number): boolean {
  let o = 0;
  for (const c of problem.cones) {
    const seg = Array.from({ length: c.dim }, (_, i) => s[o + i]!);
    o += c.dim;
    if (c.type === "zero" && seg.some((v) => Math.abs(v) > tol)) return false;
    if (c.type === "nonneg" && seg.some((v) => v < -tol)) return false;
    if (c.type === "soc" && seg[0]! < Math.hypot(...seg.slice(1)) - tol) return false;
    if (c.type === "exp") {
      const [x, yv, z] = seg as [number, number, number];
      if (yv < -tol || z < -tol) return false;
      if (yv > tol && yv * Math.exp(x / yv) > z + tol * (1 + Math.abs(z))) return false;
    }
  }
  return true;
}

/** Asserts the KKT conditions of a solved problem: Ax + s = b, Px + Aᵀy + q = 0, s ∈ K, y ∈ K*, sᵀy ≈ 0. */
export function expectKkt(problem: ConicProblem, sol: ConicSolution, tol = 1e-6): void {
  expect(sol.status).toBe("solved");
  record(sol);
  const Ax = tripletsMultiply(problem.A, sol.x);
  const scale = 1 + Math.max(0, ...problem.b.map(Math.abs), ...Array.from(sol.x, Math.abs));
  Ax.forEach((v, i) => expect(Math.abs(v + sol.s[i]! - problem.b[i]!)).toBeLessThan(tol * scale));
  const Px = problem.P ? tripletsMultiply(problem.P, sol.x, false, true) : new Array<number>(problem.q.length).fill(0);
  const Aty = tripletsMultiply(problem.A, sol.y, true);
  const dscale = 1 + Math.max(0, ...problem.q.map(Math.abs), ...Array.from(sol.y, Math.abs));
  Px.forEach((v, j) => expect(Math.abs(v + Aty[j]! + problem.q[j]!)).toBeLessThan(tol * dscale));
  expect(inCone(problem, sol.s, tol * scale)).toBe(true);
  expect(inDualCone(problem, sol.y, tol * dscale)).toBe(true);
  const sy = Array.from(sol.s).reduce((acc, v, i) => acc + v * sol.y[i]!, 0);
  expect(Math.abs(sy)).toBeLessThan(tol * scale * dscale);
  record(sol);
}

/** Asserts a primal infeasibility certificate: Aᵀy ≈ 0, bᵀy < 0, y ∈ K*. */
export function expectPrimalCertificate(problem: ConicProblem, sol: ConicSolution, tol = 1e-6): void {
  expect(sol.status).toBe("primal_infeasible");
  const y = sol.y;
  const bty = problem.b.reduce((acc, v, i) => acc + v * y[i]!, 0);
  expect(bty).toBeCloseTo(-1, 8);
  for (const v of tripletsMultiply(problem.A, y, true)) expect(Math.abs(v)).toBeLessThan(tol);
  expect(inDualCone(problem, y, tol)).toBe(true);
  record(sol);
}

/** Asserts a dual infeasibility certificate: Px ≈ 0, Ax + s ≈ 0 with s ∈ K, qᵀx < 0. */
export function expectDualCertificate(problem: ConicProblem, sol: ConicSolution, tol = 1e-6): void {
  expect(sol.status).toBe("dual_infeasible");
  const qx = problem.q.reduce((acc, v, j) => acc + v * sol.x[j]!, 0);
  expect(qx).toBeCloseTo(-1, 8);
  if (problem.P) for (const v of tripletsMultiply(problem.P, sol.x, false, true)) expect(Math.abs(v)).toBeLessThan(tol);
  tripletsMultiply(problem.A, sol.x).forEach((v, i) => expect(Math.abs(v + sol.s[i]!)).toBeLessThan(tol));
  expect(inCone(problem, sol.s, tol)).toBe(true);
  record(sol);
}

export { isErrored };
