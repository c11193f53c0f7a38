/**
 * The conic form describes exactly Θ: for random points (α, σ), the slack s = b − A·x of the
 * completed conic point (vₖ = softplus(uₖ), w¹ₖ = e^{−vₖ}, w²ₖ = e^{uₖ−vₖ}) lies in K if and only
 * if the point meets the constraints of method.md step 5 written out directly.
 */
import { createScsSolver, type ConicProblem } from "@useralign/conic";
import type { ConfidenceSetProblem } from "@useralign/core";
import { firstConeViolation } from "@useralign/solver-conformance";
import { describe, expect, it } from "vitest";
import { ConfidenceSetCone, createConicBackend } from "../src/index.js";
import { makeInstance, stateOf, step, structured } from "./instances.js";

function capture(kind: "practical" | "loss", seed: number, t: number, user: "btl" | "consistent" = "btl"): ConfidenceSetProblem {
  let problem: ConfidenceSetProblem | undefined;
  step(stateOf(makeInstance(seed, 20, 3, t, user)), kind, {
    ...structured,
    maximize(p, d, r) {
      problem = p;
      return structured.maximize(p, d, r);
    },
  });
  return problem!;
}

function slack(cp: ConicProblem, x: number[]): number[] {
  const s = [...cp.b];
  cp.A.vals.forEach((v, k) => (s[cp.A.rows[k]!]! -= v * x[cp.A.cols[k]!]!));
  return s;
}

describe("the conic form of a confidence set", () => {
  for (const kind of ["practical", "loss"] as const) {
    it(`holds exactly the points of Θ (${kind} set, loss rows included)`, () => {
      // Few consistent answers: H is wide enough for random points to land in it.
      const problem = capture(kind, 11, kind === "practical" ? 6 : 40, "consistent");
      const form = new ConfidenceSetCone(problem, { includeLoss: true });
      const cp = form.problemFor(new Float64Array(problem.rank), 0);
      const t = problem.rows.count;
      const r = problem.rank;
      const h = problem.hasResidual ? 1 : 0;
      expect(form.n).toBe(r + h + 3 * t);
      expect(cp.cones.filter((c) => c.type === "exp")).toHaveLength(2 * t);
      let seed = 5;
      const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
      const seen = { inside: 0, outside: 0 };
      for (let trial = 0; trial < 1500; trial++) {
        // Points along θ̂ (scaled up to 1.5×) plus noise of several sizes, so both outcomes occur.
        const scale = 0.75 * (1 + rand());
        const spread = 10 ** (-2 + 2.5 * Math.abs(rand()));
        const alpha = Array.from({ length: r }, (_, i) => scale * (problem.thetaHat[i] ?? 0) + spread * rand());
        const sigma = h ? Math.abs(rand()) : 0;
        const u: number[] = [];
        let loss = 0;
        let halfspaces = true;
        for (let k = 0; k < t; k++) {
          const z = problem.rows.row(k);
          const m = z.reduce((acc, v, i) => acc + v * alpha[i]!, 0);
          u.push(-m);
          loss += Math.log1p(Math.exp(-m));
          if (m < 0) halfspaces = false;
        }
        const inTheta = Math.hypot(...alpha, sigma) <= problem.S && loss <= problem.lossLevel && (kind === "loss" || halfspaces);
        const v = u.map((uk) => Math.max(uk, 0) + Math.log1p(Math.exp(-Math.abs(uk))));
        const x = [...alpha, ...(h ? [sigma] : []), ...v, ...v.map((vk) => Math.exp(-vk)), ...v.map((vk, k) => Math.exp(u[k]! - vk))];
        const inK = firstConeViolation(cp.cones, slack(cp, x), 1e-12, false) < 0;
        expect(inK, `trial ${trial}`).toBe(inTheta);
        seen[inTheta ? "inside" : "outside"]++;
      }
      expect(seen.inside).toBeGreaterThan(20);
      expect(seen.outside).toBeGreaterThan(20);
    });
  }

  it("drops the loss rows (and every exp cone) where the core proves the loss cannot bind", () => {
    const problem = capture("practical", 12, 10);
    expect(problem.lossMayBind).toBe(false);
    const form = new ConfidenceSetCone(problem);
    expect(form.includesLoss).toBe(false);
    expect(form.problemFor(new Float64Array(problem.rank), 0).cones.some((c) => c.type === "exp")).toBe(false);
  });
});

describe("the conic backend on the scs solver", () => {
  it("agrees with structured to 1e-3 with the loss constraint kept (moderate accuracy of the first-order method)", () => {
    const state = stateOf(makeInstance(21, 12, 2, 15, "btl"));
    const scs = createConicBackend({ solver: createScsSolver(), name: "conic-scs", keepRedundantLoss: true });
    for (const kind of ["practical", "loss"] as const) {
      const ref = step(state, kind, structured);
      const got = step(state, kind, scs);
      ref.values.forEach((v, j) => {
        if (!Number.isNaN(v)) expect(Math.abs(got.values[j]! - v), `${kind} j=${j}`).toBeLessThan(1e-3);
      });
    }
  });

  it("refuses an asynchronous solver with a clear error", () => {
    const state = stateOf(makeInstance(22, 6, 2, 3, "btl"));
    const asyncSolver = {
      ...createScsSolver(),
      solve: async () => createScsSolver().solve({ q: [], A: { rows: [], cols: [], vals: [], shape: [0, 0] }, b: [], cones: [] }),
    };
    expect(() => step(state, "loss", createConicBackend({ solver: asyncSolver }))).toThrow(/asynchronous/);
  });
});
