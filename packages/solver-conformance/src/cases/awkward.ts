import type { Triplets } from "@useralign/conic";
import { dense, exp, identity, nonneg, soc, upper, zero, type ConicCase } from "../case.js";

const empty = (cols: number): Triplets => ({ rows: [], cols: [], vals: [], shape: [0, cols] });

/** What real users send: explicit zeros, zero rows, m = 0, zero cost, 1-D cones, apexes, bad scaling, degeneracy. */
export const awkwardCases: readonly ConicCase[] = [
  {
    name: "awkward-explicit-zeros",
    family: "awkward",
    description:
      "The Wyndor LP with explicit zero triplets (also in P) and the entry 3 split into repeated entries 1 + 2 that must add up.",
    problem: {
      P: { rows: [0, 1], cols: [0, 1], vals: [0, 0], shape: [2, 2] },
      q: [-3, -5],
      A: {
        rows: [0, 0, 1, 2, 2, 2, 3, 4, 4, 1],
        cols: [0, 1, 1, 0, 0, 1, 0, 1, 0, 0],
        vals: [1, 0, 2, 1, 2, 2, -1, -1, 0, 0],
        shape: [5, 2],
      },
      b: [4, 12, 18, 0, 0],
      cones: [nonneg(5)],
    },
    expected: { status: "solved", objective: -36, x: [2, 6] },
    witness: { x: [2, 6], y: [0, 1.5, 1, 0, 0] },
  },
  {
    name: "awkward-zero-rows",
    family: "awkward",
    description: "The simplex LP with an all-zero equality row (0 = 0) and an all-zero inequality row (0 ≤ 1).",
    problem: {
      q: [1, 2, 3],
      A: dense([
        [1, 1, 1],
        [0, 0, 0],
        [0, 0, 0],
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, -1],
      ]),
      b: [1, 0, 1, 0, 0, 0],
      cones: [zero(2), nonneg(4)],
    },
    expected: { status: "solved", objective: 1, x: [1, 0, 0] },
    witness: { x: [1, 0, 0], y: [-1, 0, 0, 0, 1, 2] },
  },
  {
    name: "awkward-no-constraints-qp",
    family: "awkward",
    description: "m = 0: min ½xᵀ[[2, 1], [1, 2]]x − 3x₁ − 3x₂, the solution of Px = −q, x = (1, 1), value −3.",
    problem: {
      P: upper([
        [2, 1],
        [1, 2],
      ]),
      q: [-3, -3],
      A: empty(2),
      b: [],
      cones: [],
    },
    expected: { status: "solved", objective: -3, x: [1, 1] },
    witness: { x: [1, 1], y: [] },
  },
  {
    name: "awkward-no-constraints-zero-cost",
    family: "awkward",
    description: "m = 0 and q = 0: every x is optimal, value 0.",
    problem: { q: [0, 0], A: empty(2), b: [], cones: [] },
    expected: { status: "solved", objective: 0 },
    witness: { x: [0, 0], y: [] },
  },
  {
    name: "awkward-no-constraints-unbounded",
    family: "awkward",
    description: "m = 0, P = 0, q = (1, 0): unbounded along (−1, 0).",
    problem: { q: [1, 0], A: empty(2), b: [], cones: [] },
    expected: { status: "dual_infeasible" },
    witness: { x: [-1, 0] },
  },
  {
    name: "awkward-zero-cost",
    family: "awkward",
    description: "A pure feasibility problem (q = 0): x₁ + x₂ ≤ 1, x ≥ 0; value 0.",
    problem: {
      q: [0, 0],
      A: dense([
        [1, 1],
        [-1, 0],
        [0, -1],
      ]),
      b: [1, 0, 0],
      cones: [nonneg(3)],
    },
    expected: { status: "solved", objective: 0 },
    witness: { x: [0, 0], y: [0, 0, 0] },
  },
  {
    name: "awkward-dimension-one-cones",
    family: "awkward",
    description: "Cones of dimension 1 (a 1-D SOC is s ≥ 0): x₁ ≥ 1 (soc), x₂ ≥ 2 (nonneg), x₃ = 3 (zero); min x₁ + x₂ + x₃ = 6.",
    problem: {
      q: [1, 1, 1],
      A: dense([
        [-1, 0, 0],
        [0, -1, 0],
        [0, 0, 1],
      ]),
      b: [-1, -2, 3],
      cones: [soc(1), nonneg(1), zero(1)],
    },
    expected: { status: "solved", objective: 6, x: [1, 2, 3] },
    witness: { x: [1, 2, 3], y: [1, 1, -1] },
  },
  {
    name: "awkward-soc-apex",
    family: "awkward",
    description: "min x₃ s.t. ‖(x₁, x₂)‖ ≤ x₃: the optimum is the cone's apex, x = 0.",
    problem: {
      q: [0, 0, 1],
      A: dense([
        [0, 0, -1],
        [-1, 0, 0],
        [0, -1, 0],
      ]),
      b: [0, 0, 0],
      cones: [soc(3)],
    },
    expected: { status: "solved", objective: 0, x: [0, 0, 0] },
    witness: { x: [0, 0, 0], y: [1, 0, 0] },
  },
  {
    name: "awkward-exp-apex",
    family: "awkward",
    description: "min y + z s.t. (0, y, z) ∈ K_exp: the optimum is the exponential cone's apex, 0.",
    problem: {
      q: [0, 1, 1],
      A: { rows: [0, 1, 2, 3], cols: [0, 0, 1, 2], vals: [1, -1, -1, -1], shape: [4, 3] },
      b: [0, 0, 0, 0],
      cones: [zero(1), exp()],
    },
    expected: { status: "solved", objective: 0, x: [0, 0, 0] },
    witness: { x: [0, 0, 0], y: [-1, -1, 1, 1] },
  },
  {
    name: "awkward-badly-scaled",
    family: "awkward",
    description:
      "Entries from 1e-8 to 1e4: min −x₁ − 1e-4·x₂ s.t. 1e-8·x₁ ≤ 1e-8, 1e-4·x₂ ≤ 1, 1e4·x₁ + 1e-4·x₂ ≤ 2e4, x ≥ 0; x = (1, 1e4), value −2 (the dual is 1e8).",
    problem: {
      q: [-1, -1e-4],
      A: dense([
        [1e-8, 0],
        [0, 1e-4],
        [1e4, 1e-4],
        [-1, 0],
        [0, -1],
      ]),
      b: [1e-8, 1, 2e4, 0, 0],
      cones: [nonneg(5)],
    },
    expected: { status: "solved", objective: -2, x: [1, 1e4] },
    witness: { x: [1, 1e4], y: [1e8, 1, 0, 0, 0] },
  },
  {
    name: "awkward-degenerate-qp",
    family: "awkward",
    description: "min ½x² s.t. x ≥ 0: x = s = y = 0 at the optimum, no strict complementarity.",
    problem: { P: upper([[1]]), q: [0], A: identity(1, -1), b: [0], cones: [nonneg(1)] },
    expected: { status: "solved", objective: 0, x: [0], degenerate: true },
    witness: { x: [0], y: [0] },
  },
  {
    name: "awkward-degenerate-socp",
    family: "awkward",
    description: "min ½‖x‖² over the cone |x₂| ≤ x₁: the apex, with s = y = 0 (no strict complementarity).",
    problem: {
      P: upper([
        [1, 0],
        [0, 1],
      ]),
      q: [0, 0],
      A: identity(2, -1),
      b: [0, 0],
      cones: [soc(2)],
    },
    expected: { status: "solved", objective: 0, x: [0, 0], degenerate: true },
    witness: { x: [0, 0], y: [0, 0] },
  },
  {
    name: "awkward-degenerate-vertex",
    family: "awkward",
    description: "min −x₁ − x₂ s.t. x₁ ≤ 1, x₂ ≤ 1, x₁ + x₂ ≤ 2, x ≥ 0: three constraints meet at (1, 1), the dual optimum is not unique.",
    problem: {
      q: [-1, -1],
      A: dense([
        [1, 0],
        [0, 1],
        [1, 1],
        [-1, 0],
        [0, -1],
      ]),
      b: [1, 1, 2, 0, 0],
      cones: [nonneg(5)],
    },
    expected: { status: "solved", objective: -2, x: [1, 1] },
    witness: { x: [1, 1], y: [0.5, 0.5, 0.5, 0, 0] },
  },
];
