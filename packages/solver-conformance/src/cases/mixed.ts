import { dense, exp, nonneg, soc, upper, zero, type ConicCase } from "../case.js";

const r2 = Math.SQRT2;

/** Problems mixing every cone type (and a quadratic term). */
export const mixedCases: readonly ConicCase[] = [
  {
    name: "mixed-log-disk",
    family: "mixed",
    description:
      "max log x₁ + log x₂ − ½w² + 2w s.t. w = x₁ + x₂, x₁ ≤ 5, ‖x‖ ≤ √2, (uᵢ, 1, xᵢ) ∈ K_exp: x = (1, 1), w = 2, value −2 (zero, nonneg, SOC, exp cones and P).",
    problem: {
      // x = (x₁, x₂, u₁, u₂, w)
      P: upper([
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 0, 0, 1],
      ]),
      q: [0, 0, -1, -1, -2],
      A: dense([
        [-1, -1, 0, 0, 1],
        [1, 0, 0, 0, 0],
        [0, 0, 0, 0, 0],
        [-1, 0, 0, 0, 0],
        [0, -1, 0, 0, 0],
        [0, 0, -1, 0, 0],
        [0, 0, 0, 0, 0],
        [-1, 0, 0, 0, 0],
        [0, 0, 0, -1, 0],
        [0, 0, 0, 0, 0],
        [0, -1, 0, 0, 0],
      ]),
      b: [0, 5, r2, 0, 0, 0, 1, 0, 0, 1, 0],
      cones: [zero(1), nonneg(1), soc(3), exp(), exp()],
    },
    expected: { status: "solved", objective: -2, x: [1, 1, 0, 0, 2] },
    witness: { x: [1, 1, 0, 0, 2], y: [0, 0, r2, -1, -1, -1, -1, 1, -1, -1, 1] },
  },
  {
    name: "mixed-primal-infeasible",
    family: "mixed",
    description: "‖x‖ ≤ √2 forces x₁ + x₂ ≤ 2, so x₁ + x₂ ≥ 3 is infeasible (with exp cones on x as well).",
    problem: {
      // x = (x₁, x₂, u₁, u₂)
      q: [0, 0, -1, -1],
      A: dense([
        [-1, -1, 0, 0],
        [0, 0, 0, 0],
        [-1, 0, 0, 0],
        [0, -1, 0, 0],
        [0, 0, -1, 0],
        [0, 0, 0, 0],
        [-1, 0, 0, 0],
        [0, 0, 0, -1],
        [0, 0, 0, 0],
        [0, -1, 0, 0],
      ]),
      b: [-3, r2, 0, 0, 0, 1, 0, 0, 1, 0],
      cones: [nonneg(1), soc(3), exp(), exp()],
    },
    expected: { status: "primal_infeasible" },
    witness: { y: [1, r2, -1, -1, 0, 0, 0, 0, 0, 0] },
  },
  {
    name: "mixed-dual-infeasible",
    family: "mixed",
    description: "min −x₁ s.t. |x₂| ≤ x₁, x₂ ≥ 0, (0, x₁, x₃) ∈ K_exp: unbounded along (1, 0, 1).",
    problem: {
      q: [-1, 0, 0],
      A: dense([
        [0, -1, 0],
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, 0],
        [-1, 0, 0],
        [0, 0, -1],
      ]),
      b: [0, 0, 0, 0, 0, 0],
      cones: [nonneg(1), soc(2), exp()],
    },
    expected: { status: "dual_infeasible" },
    witness: { x: [1, 0, 1] },
  },
];
