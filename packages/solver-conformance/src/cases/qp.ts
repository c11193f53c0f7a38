import { dense, nonneg, upper, zero, type ConicCase } from "../case.js";

/** Quadratic programs (P ≠ 0): the trio and a projection with a closed form. */
export const qpCases: readonly ConicCase[] = [
  {
    name: "qp-osqp-demo",
    family: "qp",
    description:
      "The OSQP documentation's demo QP: P = [[4, 1], [1, 2]], q = (1, 1), x₁ + x₂ = 1, 0 ≤ x ≤ 0.7; optimum 1.88 at (0.3, 0.7).",
    problem: {
      P: upper([[4, 1], [1, 2]]),
      q: [1, 1],
      A: dense([[1, 1], [1, 0], [0, 1], [-1, 0], [0, -1]]),
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
      P: upper([[1, 0], [0, 1]]),
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
      P: upper([[4, 1], [1, 2]]),
      q: [1, 1],
      A: dense([[-1, -1], [1, 0], [0, 1]]),
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
      P: upper([[1, 0], [0, 0]]),
      q: [0, -1],
      A: dense([[1, 0], [0, -1]]),
      b: [3, 0],
      cones: [nonneg(2)],
    },
    expected: { status: "dual_infeasible" },
    witness: { x: [0, 1] },
  },
];
