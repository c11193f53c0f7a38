import { describe, expect, it } from "vitest";
import type { ConicProblem } from "@useralign/conic";
import { certifyVerdict, type HighsRunResult } from "../src/certify-verdict.js";
import { farkasViolation, kktReport, problemOps, rayViolation } from "../src/verdict-certificates.js";

const nonnegRows = (p: ConicProblem) => Uint8Array.from(p.cones.flatMap((c) => Array<number>(c.dim).fill(c.type === "zero" ? 1 : 0)));
const opsOf = (p: ConicProblem) => problemOps(p, nonnegRows(p));
const f64 = (v: number[]) => Float64Array.from(v);
const run = (r: Omit<HighsRunResult, "threw" | "iterations">): HighsRunResult => ({ threw: false, iterations: 1, ...r });
const noRay = () => null;

// min ½x₀² − x₁ s.t. x₀ + x₁ = 1: x₁ has a zero column of P but is tied to x₀ (Ad = 0 and Pd = 0
// force d = 0), so bounded: x = (−1, 2), y = 1.
const BOUNDED: ConicProblem = {
  P: { rows: [0], cols: [0], vals: [1], shape: [2, 2] },
  q: [0, -1],
  A: { rows: [0, 0], cols: [0, 1], vals: [1, 1], shape: [1, 2] },
  b: [1],
  cones: [{ type: "zero", dim: 1 }],
};
// min ½x₀² − x₁ s.t. x₀ ≤ 1 (x₁ free, no row): unbounded along d = (0, 1).
const UNBOUNDED: ConicProblem = {
  P: { rows: [0], cols: [0], vals: [1], shape: [2, 2] },
  q: [0, -1],
  A: { rows: [0], cols: [0], vals: [1], shape: [1, 2] },
  b: [1],
  cones: [{ type: "nonneg", dim: 1 }],
};
// x ≤ −1 and −x ≤ −1: infeasible, y = (1, 1) gives Aᵀy = 0, bᵀy = −2.
const INFEASIBLE: ConicProblem = {
  q: [1],
  A: { rows: [0, 1], cols: [0, 0], vals: [1, -1], shape: [2, 1] },
  b: [-1, -1],
  cones: [{ type: "nonneg", dim: 2 }],
};

describe("certification measures (against a hand-solved problem)", () => {
  it("the KKT point of BOUNDED passes, a perturbed one does not", () => {
    const ops = opsOf(BOUNDED);
    expect(kktReport(BOUNDED, ops, [-1, 2], [1]).worst).toBeLessThan(1e-15);
    expect(kktReport(BOUNDED, ops, [-1, 2], [1]).primalObjective).toBeCloseTo(-1.5, 14);
    expect(kktReport(BOUNDED, ops, [-1 + 1e-4, 2], [1]).worst).toBeGreaterThan(1e-5);
  });
  it("a ray is measured after normalization to qᵀd = −1", () => {
    const ops = opsOf(UNBOUNDED);
    expect(rayViolation(UNBOUNDED, ops, [0, 1])).toBe(0);
    expect(rayViolation(UNBOUNDED, ops, [0, 1e-9])).toBe(0);
    expect(rayViolation(UNBOUNDED, ops, [0, -1])).toBe(Infinity);
    // Pd ≠ 0: ‖Pd‖/(−qᵀd) = 1e-3/1.
    expect(rayViolation(UNBOUNDED, ops, [1e-3, 1])).toBeCloseTo(1e-3, 12);
  });
  it("a Farkas certificate is measured after normalization to bᵀy = −1", () => {
    const ops = opsOf(INFEASIBLE);
    expect(farkasViolation(INFEASIBLE, ops, [1, 1])).toBe(0);
    expect(farkasViolation(INFEASIBLE, ops, [-1, -1])).toBe(Infinity);
    expect(farkasViolation(INFEASIBLE, ops, [1, 0.5])).toBeCloseTo(0.5 / 1.5, 12);
  });
});

describe("certifyVerdict refuses planted wrong answers", () => {
  it("a regularized 'optimum' of an unbounded QP becomes dual_infeasible through the ray search", () => {
    const ops = opsOf(UNBOUNDED);
    // What HiGHS returns with 1e-12·I on P: x₁ = 1e12, dual residual of the true data 1.
    const claimed = run({ status: "solved", x: f64([0, 1e12]), y: f64([0]) });
    const v = certifyVerdict(UNBOUNDED, ops, claimed, () => f64([0, 1]));
    expect(v.status).toBe("dual_infeasible");
    expect(Array.from(v.x)).toEqual([0, 1]);
    expect(Array.from(v.s)).toEqual([-0]);
    // Without a ray the same claim is a numerical error, not `solved`.
    expect(certifyVerdict(UNBOUNDED, ops, claimed, noRay).status).toBe("numerical_error");
  });
  it("a wrong optimum with no ray is refused; a slightly off one is almost_solved; the true one is solved", () => {
    const ops = opsOf(BOUNDED);
    expect(certifyVerdict(BOUNDED, ops, run({ status: "solved", x: f64([0, 1]), y: f64([1]) }), noRay).status).toBe("numerical_error");
    expect(certifyVerdict(BOUNDED, ops, run({ status: "solved", x: f64([-1 + 1e-6, 2 - 1e-6]), y: f64([1]) }), noRay).status).toBe(
      "almost_solved",
    );
    const exact = certifyVerdict(BOUNDED, ops, run({ status: "solved", x: f64([-1, 2]), y: f64([1]) }), noRay);
    expect(exact.status).toBe("solved");
    expect(exact.dualResidual).toBe(0);
  });
  it("a claimed optimum with a dual of the wrong sign on a nonneg row is refused", () => {
    const ops = opsOf(UNBOUNDED);
    // x = (0, 0) is feasible; y = −1 would need s·y complementarity and y ≥ 0: both fail.
    expect(certifyVerdict(UNBOUNDED, ops, run({ status: "solved", x: f64([0, 0]), y: f64([-1]) }), noRay).status).toBe("numerical_error");
  });
  it("unbounded claimed on a bounded problem: every candidate ray fails, numerical_error", () => {
    const ops = opsOf(BOUNDED);
    let searched = 0;
    const v = certifyVerdict(BOUNDED, ops, run({ status: "dual_infeasible", primalRay: f64([1, -1]) }), () => (searched++, f64([0, 1])));
    expect(searched).toBe(1);
    expect(v.status).toBe("numerical_error");
    expect(Number.isNaN(v.x[0])).toBe(true);
  });
  it("unbounded with HiGHS's ray of the wrong sign is flipped, not refused; the recession LP is then not solved", () => {
    const ops = opsOf(UNBOUNDED);
    let searched = 0;
    const v = certifyVerdict(UNBOUNDED, ops, run({ status: "dual_infeasible", primalRay: f64([0, -2]) }), () => (searched++, null));
    expect(v.status).toBe("dual_infeasible");
    expect(Array.from(v.x)).toEqual([-0, 2]);
    expect(searched).toBe(0);
  });
  it("infeasible claimed on a feasible problem is refused; a true certificate of either sign is accepted", () => {
    expect(certifyVerdict(BOUNDED, opsOf(BOUNDED), run({ status: "primal_infeasible", dualRay: f64([1]) }), noRay).status).toBe(
      "numerical_error",
    );
    expect(certifyVerdict(BOUNDED, opsOf(BOUNDED), run({ status: "primal_infeasible" }), noRay).status).toBe("numerical_error");
    const ops = opsOf(INFEASIBLE);
    for (const ray of [f64([1, 1]), f64([-3, -3])]) {
      const v = certifyVerdict(INFEASIBLE, ops, run({ status: "primal_infeasible", dualRay: ray }), noRay);
      expect(v.status).toBe("primal_infeasible");
      expect(v.y[0]).toBeGreaterThan(0);
    }
    // y ∈ K* violated by 1e-6 after normalization: only almost.
    expect(certifyVerdict(INFEASIBLE, ops, run({ status: "primal_infeasible", dualRay: f64([1 + 2e-6, 1]) }), noRay).status).toBe(
      "almost_primal_infeasible",
    );
  });
  it("errored statuses pass through with NaN vectors", () => {
    const v = certifyVerdict(BOUNDED, opsOf(BOUNDED), run({ status: "max_time" }), noRay);
    expect(v.status).toBe("max_time");
    expect(v.x.every(Number.isNaN)).toBe(true);
  });
});
