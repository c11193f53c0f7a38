import { dense, exp, nonneg, zero, type ConicCase } from "../case.js";

const e = Math.E;
const log2 = Math.LN2;
const log3 = Math.log(3);

/** Exponential-cone programs, K_exp = closure{(x, y, z) : y > 0, y·exp(x/y) ≤ z}. */
export const expCases: readonly ConicCase[] = [
  {
    name: "exp-fixed-point",
    family: "exp",
    description: "min z s.t. (1, 1, z) ∈ K_exp: z = e.",
    problem: {
      q: [0, 0, 1],
      A: dense([
        [1, 0, 0],
        [0, 1, 0],
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, -1],
      ]),
      b: [1, 1, 0, 0, 0],
      cones: [zero(2), exp()],
    },
    expected: { status: "solved", objective: e, x: [1, 1, e] },
    witness: { x: [1, 1, e], y: [-e, 0, -e, 0, 1] },
  },
  {
    name: "exp-log",
    family: "exp",
    description: "max log t s.t. t ≤ 2, as min −u s.t. (u, 1, t) ∈ K_exp (the cone's middle row of A is all zero): log 2.",
    problem: {
      q: [-1, 0],
      A: dense([
        [0, 1],
        [-1, 0],
        [0, 0],
        [0, -1],
      ]),
      b: [2, 0, 1, 0],
      cones: [nonneg(1), exp()],
    },
    expected: { status: "solved", objective: -log2, x: [log2, 2] },
    witness: { x: [log2, 2], y: [0.5, -1, log2 - 1, 0.5] },
  },
  {
    name: "exp-entropy-3",
    family: "exp",
    description: "Maximum entropy on three outcomes: max Σ −pᵢ log pᵢ s.t. Σ pᵢ = 1 with (tᵢ, pᵢ, 1) ∈ K_exp; log 3 at the uniform p.",
    problem: {
      q: [0, 0, 0, -1, -1, -1],
      A: dense([
        [1, 1, 1, 0, 0, 0],
        [0, 0, 0, -1, 0, 0],
        [-1, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, -1, 0],
        [0, -1, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
        [0, 0, 0, 0, 0, -1],
        [0, 0, -1, 0, 0, 0],
        [0, 0, 0, 0, 0, 0],
      ]),
      b: [1, 0, 0, 1, 0, 0, 1, 0, 0, 1],
      cones: [zero(1), exp(), exp(), exp()],
    },
    expected: { status: "solved", objective: -log3, x: [1 / 3, 1 / 3, 1 / 3, log3 / 3, log3 / 3, log3 / 3] },
    witness: {
      x: [1 / 3, 1 / 3, 1 / 3, log3 / 3, log3 / 3, log3 / 3],
      y: [log3 - 1, -1, log3 - 1, 1 / 3, -1, log3 - 1, 1 / 3, -1, log3 - 1, 1 / 3],
    },
  },
  {
    name: "exp-primal-infeasible",
    family: "exp",
    description:
      "max x s.t. (x, 1, −1) ∈ K_exp is impossible (z ≥ 0 on the cone); y = (0, 1 | 0, 0, 1) certifies it. (With min x instead, the ray x → −∞ would make it dual infeasible as well.)",
    problem: {
      q: [-1, 0, 0],
      A: dense([
        [0, 1, 0],
        [0, 0, 1],
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, -1],
      ]),
      b: [1, -1, 0, 0, 0],
      cones: [zero(2), exp()],
    },
    expected: { status: "primal_infeasible" },
    witness: { y: [0, 1, 0, 0, 1] },
  },
  {
    name: "exp-dual-infeasible",
    family: "exp",
    description: "min −y s.t. (0, y, z) ∈ K_exp (i.e. y ≤ z): unbounded along (y, z) = (1, 1).",
    problem: {
      q: [-1, 0],
      A: dense([
        [0, 0],
        [-1, 0],
        [0, -1],
      ]),
      b: [0, 0, 0],
      cones: [exp()],
    },
    expected: { status: "dual_infeasible" },
    witness: { x: [1, 1] },
  },
];
