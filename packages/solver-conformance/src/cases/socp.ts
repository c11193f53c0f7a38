import { dense, identity, nonneg, soc, zero, type ConicCase } from "../case.js";

const r2 = Math.SQRT2;

/** Second-order cone programs. */
export const socpCases: readonly ConicCase[] = [
  {
    name: "socp-disk",
    family: "socp",
    description: "min −x₁ − x₂ over the unit disk: (1/√2, 1/√2), value −√2.",
    problem: {
      q: [-1, -1],
      A: dense([
        [0, 0],
        [-1, 0],
        [0, -1],
      ]),
      b: [1, 0, 0],
      cones: [soc(3)],
    },
    expected: { status: "solved", objective: -r2, x: [1 / r2, 1 / r2] },
    witness: { x: [1 / r2, 1 / r2], y: [r2, -1, -1] },
  },
  {
    name: "socp-distance-to-line",
    family: "socp",
    description: "min t s.t. ‖x − (1, 2)‖ ≤ t, x₁ + x₂ = 0: the distance from (1, 2) to the line, 3/√2, at x = (−½, ½).",
    problem: {
      q: [0, 0, 1],
      A: dense([
        [1, 1, 0],
        [0, 0, -1],
        [-1, 0, 0],
        [0, -1, 0],
      ]),
      b: [0, 0, -1, -2],
      cones: [zero(1), soc(3)],
    },
    expected: { status: "solved", objective: 3 / r2, x: [-0.5, 0.5, 3 / r2] },
    witness: { x: [-0.5, 0.5, 3 / r2], y: [1 / r2, 1, 1 / r2, 1 / r2] },
  },
  {
    name: "socp-primal-infeasible",
    family: "socp",
    description: "‖x‖ ≤ 1 and x₁ ≥ 2 do not meet; y = (1, −1, 0 | 1) certifies it.",
    problem: {
      q: [1, 0],
      A: dense([
        [0, 0],
        [-1, 0],
        [0, -1],
        [-1, 0],
      ]),
      b: [1, 0, 0, -2],
      cones: [soc(3), nonneg(1)],
    },
    expected: { status: "primal_infeasible" },
    witness: { y: [1, -1, 0, 1] },
  },
  {
    name: "socp-dual-infeasible",
    family: "socp",
    description: "min −x₁ over the cone |x₂| ≤ x₁: unbounded along (1, 0).",
    problem: {
      q: [-1, 0],
      A: identity(2, -1),
      b: [0, 0],
      cones: [soc(2)],
    },
    expected: { status: "dual_infeasible" },
    witness: { x: [1, 0] },
  },
];
