/**
 * Tests of the suite itself: the stated answers are right by routes that share no code with src
 * (sampling the feasible set with membership written here from the cone definitions), the case
 * list covers what the issue asks for, and the checks reject wrong answers.
 */
import type { ConeSpec, ConicProblem, ConicSolution } from "@useralign/conic";
import { describe, expect, it } from "vitest";
import { casesOf, conicCases, runCase } from "../src/index.js";
import { witnessSolver } from "./witness-solver.js";

function slack(problem: ConicProblem, x: number[]): number[] {
  const s = [...problem.b];
  problem.A.vals.forEach((v, k) => (s[problem.A.rows[k]!]! -= v * x[problem.A.cols[k]!]!));
  return s;
}

/** s ∈ K, straight from the definitions (tolerance for rounding in the sampled points only). */
function feasible(cones: readonly ConeSpec[], s: number[], tol: number): boolean {
  let o = 0;
  for (const c of cones) {
    const v = s.slice(o, o + c.dim);
    o += c.dim;
    if (c.type === "zero" && v.some((t) => Math.abs(t) > tol)) return false;
    if (c.type === "nonneg" && v.some((t) => t < -tol)) return false;
    if (c.type === "soc" && Math.hypot(...v.slice(1)) > v[0]! + tol) return false;
    if (c.type === "exp") {
      const [a, b, z] = v as [number, number, number];
      if (b > 0 ? b * Math.exp(a / b) > z + tol : !(b >= -tol && a <= tol && z >= -tol)) return false;
    }
  }
  return true;
}

function objective(problem: ConicProblem, x: number[]): number {
  let f = 0;
  problem.q.forEach((q, i) => (f += q * x[i]!));
  const P = problem.P;
  if (P) P.vals.forEach((v, k) => (f += (P.rows[k] === P.cols[k] ? 0.5 : 1) * v * x[P.rows[k]!]! * x[P.cols[k]!]!));
  return f;
}

describe("the suite's cases", () => {
  it("cover every family with a feasible / primal-infeasible / dual-infeasible trio, and the awkward inputs", () => {
    for (const family of ["lp", "qp", "socp", "exp", "mixed"] as const) {
      const statuses = casesOf(family).map((c) => c.expected.status);
      expect(statuses, family).toContain("solved");
      expect(statuses, family).toContain("primal_infeasible");
      expect(statuses, family).toContain("dual_infeasible");
    }
    const names = new Set(conicCases.map((c) => c.name));
    expect(names.size).toBe(conicCases.length);
    const has = (pred: (p: ConicProblem) => boolean) => conicCases.some((c) => pred(c.problem));
    expect(has((p) => p.A.vals.some((v) => v === 0))).toBe(true); // explicit zeros
    expect(has((p) => p.b.length === 0)).toBe(true); // m = 0
    expect(has((p) => p.q.every((v) => v === 0))).toBe(true); // zero cost
    expect(has((p) => p.cones.some((c) => c.dim === 1 && c.type === "soc"))).toBe(true);
    const entries = conicCases.flatMap((c) => c.problem.A.vals.map(Math.abs)).filter((v) => v > 0);
    expect(Math.min(...entries)).toBe(1e-8);
    expect(Math.max(...entries)).toBe(1e4);
  });

  it("state optima that no sampled feasible point beats, attained at the stated x", () => {
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let checked = 0;
    for (const c of conicCases) {
      if (c.expected.status !== "solved" || !c.witness.x) continue;
      const p = c.problem;
      const xStar = [...c.witness.x];
      expect(feasible(p.cones, slack(p, xStar), 1e-12), c.name).toBe(true);
      expect(objective(p, xStar), c.name).toBeCloseTo(c.expected.objective, 12);
      // Sample around x* (at the scale of each coordinate). Random points never meet equality rows,
      // so problems with zero cones rest on their witness pair (weak duality), checked at 1e-12 by
      // test/conformance.test.ts.
      if (p.cones.some((k) => k.type === "zero" && k.dim > 0)) continue;
      for (let trial = 0; trial < 6_000; trial++) {
        const radius = 10 ** (-3 + 4 * rand());
        const x = xStar.map((v) => v + (2 * rand() - 1) * radius * (1 + Math.abs(v)));
        if (!feasible(p.cones, slack(p, x), 0)) continue;
        checked++;
        expect(objective(p, x), `${c.name} at ${x}`).toBeGreaterThanOrEqual(
          c.expected.objective - 1e-12 * (1 + Math.abs(c.expected.objective)),
        );
      }
    }
    expect(checked).toBeGreaterThan(5_000);
  });

  it("give infeasibility certificates that hold exactly (y ∈ K*, Aᵀy = 0, bᵀy < 0; or −Ax ∈ K, Px = 0, qᵀx < 0)", () => {
    for (const c of conicCases) {
      const p = c.problem;
      if (c.expected.status === "primal_infeasible") {
        const y = c.witness.y!;
        const aty = new Array(p.q.length).fill(0);
        p.A.vals.forEach((v, k) => (aty[p.A.cols[k]!] += v * y[p.A.rows[k]!]!));
        expect(Math.max(...aty.map(Math.abs)), c.name).toBeLessThan(1e-12);
        expect(
          p.b.reduce((s, b, i) => s + b * y[i]!, 0),
          c.name,
        ).toBeLessThan(0);
      }
      if (c.expected.status === "dual_infeasible") {
        const x = c.witness.x!;
        const minusAx = slack({ ...p, b: p.b.map(() => 0) }, [...x]);
        expect(feasible(p.cones, minusAx, 0), c.name).toBe(true);
        expect(
          p.q.reduce((s, q, i) => s + q * x[i]!, 0),
          c.name,
        ).toBeLessThan(0);
        expect(objective(p, [...x]) - p.q.reduce((s, q, i) => s + q * x[i]!, 0), c.name).toBe(0); // xᵀPx = 0
      }
    }
  });
});

describe("the checks reject wrong answers", () => {
  const solver = witnessSolver();
  const mutate = (f: (s: ConicSolution) => ConicSolution) => ({
    ...solver,
    solve: (p: ConicProblem) => f(solver.solve(p) as ConicSolution),
  });

  it("a shifted x, a y outside K*, a wrong status and a bad certificate all fail", async () => {
    const wyndor = conicCases.find((c) => c.name === "lp-wyndor")!;
    const shifted = await runCase(
      mutate((s) => ({ ...s, x: s.x.map((v) => v + 1e-3) })),
      wyndor,
    );
    expect(shifted.verdict).toBe("fail");
    const badY = await runCase(
      mutate((s) => ({ ...s, y: s.y.map((v, i) => (i === 0 ? -1e-3 : v)) })),
      wyndor,
    );
    expect(badY.failures.join()).toMatch(/K\*/);
    const entropy = conicCases.find((c) => c.name === "exp-entropy-3")!;
    const badExpDual = await runCase(
      mutate((s) => ({ ...s, y: s.y.map((v, i) => (i === 3 ? 0.3 : v)) })),
      entropy,
    );
    expect(badExpDual.failures.join()).toMatch(/y is not in K\* \(cone 1, exp\)/);
    const infeasible = conicCases.find((c) => c.name === "socp-primal-infeasible")!;
    const wrongStatus = await runCase(
      mutate((s) => ({ ...s, status: "solved" })),
      infeasible,
    );
    expect(wrongStatus.failures[0]).toBe("status solved, expected primal_infeasible");
    const badCert = await runCase(
      mutate((s) => ({ ...s, y: s.y.map((v, i) => (i === 1 ? -1.1 : v)) })),
      infeasible,
    );
    expect(badCert.verdict).toBe("fail");
  });

  it("a solver that answers an unsupported problem, or refuses without naming the cone, fails", async () => {
    const exp = conicCases.find((c) => c.name === "exp-log")!;
    const lpOnly = witnessSolver(["zero", "nonneg"]);
    expect((await runCase(lpOnly, exp)).verdict).toBe("refused");
    const answers = { ...lpOnly, solve: (p: ConicProblem) => solver.solve(p) };
    expect((await runCase(answers, exp)).failures[0]).toMatch(/instead of throwing UnsupportedProblemError/);
    const vague = {
      ...lpOnly,
      solve: () => {
        throw new Error("nope");
      },
    };
    expect((await runCase(vague, exp)).failures[0]).toBe("threw Error: nope");
  });
});
