import { badlyScaledQp, leastSquaresQp, unboundedFreePairQp, type PlantedQp } from "@useralign/conic/testing";
import { dense, nonneg, upper, zero, type ConicCase } from "../case.js";

/** A case from a planted QP of `@useralign/conic/testing`: the planted (x, y) is the witness. */
function planted(name: string, description: string, qp: PlantedQp): ConicCase {
  return {
    name,
    family: "qp",
    description,
    problem: qp.problem,
    expected: { status: "solved", objective: qp.objective },
    witness: { x: qp.x, y: qp.y },
  };
}

/** Quadratic programs (P ≠ 0): the trio and a projection with a closed form. */
export const qpCases: readonly ConicCase[] = [
  {
    name: "qp-osqp-demo",
    family: "qp",
    description:
      "The OSQP documentation's demo QP: P = [[4, 1], [1, 2]], q = (1, 1), x₁ + x₂ = 1, 0 ≤ x ≤ 0.7; optimum 1.88 at (0.3, 0.7).",
    problem: {
      P: upper([
        [4, 1],
        [1, 2],
      ]),
      q: [1, 1],
      A: dense([
        [1, 1],
        [1, 0],
        [0, 1],
        [-1, 0],
        [0, -1],
      ]),
      b: [1, 0.7, 0.7, 0, 0],
      cones: [zero(1), nonneg(4)],
    },
    expected: { status: "solved", objective: 1.88, x: [0.3, 0.7] },
    witness: { x: [0.3, 0.7], y: [-2.9, 0, 0.2, 0, 0] },
  },
  {
    name: "qp-projection-halfplane",
    family: "qp",
    description: "min ½‖x‖² − x₁ − x₂ s.t. x₁ + x₂ ≤ 1: the projection of (1, 1) onto the halfplane, (½, ½), value −¾.",
    problem: {
      P: upper([
        [1, 0],
        [0, 1],
      ]),
      q: [-1, -1],
      A: dense([[1, 1]]),
      b: [1],
      cones: [nonneg(1)],
    },
    expected: { status: "solved", objective: -0.75, x: [0.5, 0.5] },
    witness: { x: [0.5, 0.5], y: [0.5] },
  },
  {
    name: "qp-primal-infeasible",
    family: "qp",
    description: "The demo QP's objective with x₁ + x₂ ≥ 2 and x ≤ ½: empty; y = (1, 1, 1) certifies it.",
    problem: {
      P: upper([
        [4, 1],
        [1, 2],
      ]),
      q: [1, 1],
      A: dense([
        [-1, -1],
        [1, 0],
        [0, 1],
      ]),
      b: [-2, 0.5, 0.5],
      cones: [nonneg(3)],
    },
    expected: { status: "primal_infeasible" },
    witness: { y: [1, 1, 1] },
  },
  {
    name: "qp-dual-infeasible",
    family: "qp",
    description: "min ½x₁² − x₂ s.t. x₁ ≤ 3, x₂ ≥ 0: P is singular along (0, 1), where the cost decreases without bound.",
    problem: {
      P: upper([
        [1, 0],
        [0, 0],
      ]),
      q: [0, -1],
      A: dense([
        [1, 0],
        [0, -1],
      ]),
      b: [3, 0],
      cones: [nonneg(2)],
    },
    expected: { status: "dual_infeasible" },
    witness: { x: [0, 1] },
  },
  // Classes of the QP stress set (issue 17) that produced wrong or reduced verdicts, at suite size.
  planted(
    "qp-least-squares-sparse",
    "Sparse least squares in lifted form, min ½‖e‖² + gᵀx s.t. Mx − e = c, |x| ≤ 1 (M 120×60, four nonzeros a row; P = diag(0 on x as explicit zeros, 1 on e)); planted optimum.",
    leastSquaresQp(3, 60, 120),
  ),
  planted(
    "qp-badly-scaled",
    "A sparse QP whose rows and columns are scaled by 10^u, u uniform over 3 decades (entries from ~1e-4 to ~1e3 in A, more in P); planted optimum.",
    badlyScaledQp(3, 30, 3),
  ),
  {
    name: "qp-free-variable-unbounded",
    family: "qp",
    description:
      "min x₁² + x₁ + x₂ s.t. x₁ = 1 with P's diagonal entry for the free x₂ an explicit 0: unbounded along (0, −1). Clarabel: dual_infeasible; ours said almost_dual_infeasible before issue 17.",
    problem: {
      P: { rows: [0, 1], cols: [0, 1], vals: [2, 0], shape: [2, 2] },
      q: [1, 1],
      A: dense([[1, 0]]),
      b: [1],
      cones: [zero(1)],
    },
    expected: { status: "dual_infeasible" },
    witness: { x: [0, -1] },
  },
  {
    name: "qp-free-pair-unbounded",
    family: "qp",
    description:
      "A sparse least-squares QP (n = 30) plus a free pair v = w with explicit zeros on P's diagonal and cost −v: unbounded along v = w → ∞.",
    problem: unboundedFreePairQp(3, 10, 20),
    expected: { status: "dual_infeasible" },
    witness: { x: [...new Array<number>(30).fill(0), 1, 1] },
  },
];
