import { dense, nonneg, zero, type ConicCase } from "../case.js";

/** Linear programs: the feasible / primal-infeasible / dual-infeasible trio and two textbook LPs. */
export const lpCases: readonly ConicCase[] = [
  {
    name: "lp-wyndor",
    family: "lp",
    description:
      "Hillier & Lieberman's Wyndor Glass LP: max 3x₁ + 5x₂ s.t. x₁ ≤ 4, 2x₂ ≤ 12, 3x₁ + 2x₂ ≤ 18, x ≥ 0; optimum 36 at (2, 6), shadow prices (0, 3/2, 1).",
    problem: {
      q: [-3, -5],
      A: dense([
        [1, 0],
        [0, 2],
        [3, 2],
        [-1, 0],
        [0, -1],
      ]),
      b: [4, 12, 18, 0, 0],
      cones: [nonneg(5)],
    },
    expected: { status: "solved", objective: -36, x: [2, 6] },
    witness: { x: [2, 6], y: [0, 1.5, 1, 0, 0] },
  },
  {
    name: "lp-klee-minty-3",
    family: "lp",
    description:
      "Klee–Minty cube in 3-D (max 4x₁ + 2x₂ + x₃ s.t. x₁ ≤ 5, 4x₁ + x₂ ≤ 25, 8x₁ + 4x₂ + x₃ ≤ 125, x ≥ 0): optimum 125 = 5³ at (0, 0, 125).",
    problem: {
      q: [-4, -2, -1],
      A: dense([
        [1, 0, 0],
        [4, 1, 0],
        [8, 4, 1],
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, -1],
      ]),
      b: [5, 25, 125, 0, 0, 0],
      cones: [nonneg(6)],
    },
    expected: { status: "solved", objective: -125, x: [0, 0, 125] },
    witness: { x: [0, 0, 125], y: [0, 0, 1, 4, 2, 0] },
  },
  {
    name: "lp-simplex-equality",
    family: "lp",
    description: "min x₁ + 2x₂ + 3x₃ over the probability simplex (one equality row in a zero cone): the cheapest vertex e₁.",
    problem: {
      q: [1, 2, 3],
      A: dense([
        [1, 1, 1],
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, -1],
      ]),
      b: [1, 0, 0, 0],
      cones: [zero(1), nonneg(3)],
    },
    expected: { status: "solved", objective: 1, x: [1, 0, 0] },
    witness: { x: [1, 0, 0], y: [-1, 0, 1, 2] },
  },
  {
    name: "lp-primal-infeasible",
    family: "lp",
    description: "x₁ + x₂ ≤ −1 with x ≥ 0 has no solution; y = (1, 1, 1) certifies it (Aᵀy = 0, bᵀy = −1).",
    problem: {
      q: [1, 1],
      A: dense([
        [1, 1],
        [-1, 0],
        [0, -1],
      ]),
      b: [-1, 0, 0],
      cones: [nonneg(3)],
    },
    expected: { status: "primal_infeasible" },
    witness: { y: [1, 1, 1] },
  },
  {
    name: "lp-dual-infeasible",
    family: "lp",
    description: "min −x₁ s.t. x₁ − x₂ ≤ 1, x ≥ 0 is unbounded along the ray (1, 1).",
    problem: {
      q: [-1, 0],
      A: dense([
        [1, -1],
        [-1, 0],
        [0, -1],
      ]),
      b: [1, 0, 0],
      cones: [nonneg(3)],
    },
    expected: { status: "dual_infeasible" },
    witness: { x: [1, 1] },
  },
];
