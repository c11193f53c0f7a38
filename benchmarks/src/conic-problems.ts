import type { ConeSpec, ConicProblem } from "@useralign/conic";
import type { ConfidenceSetProblem } from "@useralign/core";
import { ConfidenceSetCone } from "@useralign/solver-conic";

import { lcgUniform as uniform, softplus } from "@useralign/conic/testing";

// Deterministic uniform(−½, ½) numbers (an LCG): the benchmark's problems are the same every run.
export { uniform };

/** Shape of one UserAlign confidence-set instance. */
export interface ConfidenceSetShape {
  readonly d: number;
  readonly t: number;
  /** `binding`: loss level 1.02·L(θ̂); `slack`: level 1000·t (the exp cones stay in, the constraint never binds). */
  readonly loss: "binding" | "slack";
  readonly seed: number;
}

/**
 * A practical-set confidence-set problem (method.md "structure": halfspaces Ẑα ≥ 0, ‖α‖ ≤ S, loss ≤ τ)
 * of t answers in d dimensions, written in conic form by solver-conic's {@link ConfidenceSetCone}
 * — the exact problems the `conic` backend solves. The answers are consistent with a hidden θ*
 * (so the halfspace cone is not {0}), θ̂ = θ*·½, and the candidate direction is random.
 */
export function confidenceSetConic(shape: ConfidenceSetShape): ConicProblem {
  const { d, t, seed } = shape;
  const r = uniform(seed);
  const thetaStar = Array.from({ length: d }, () => r());
  const norm = Math.hypot(...thetaStar);
  const rowsData = Array.from({ length: t }, () => {
    const z = Float64Array.from({ length: d }, () => r());
    let margin = 0;
    for (let i = 0; i < d; i++) margin += z[i]! * thetaStar[i]!;
    if (margin < 0) for (let i = 0; i < d; i++) z[i] = -z[i]!;
    return z;
  });
  const thetaHat = Float64Array.from(thetaStar, (v) => v / (2 * norm));
  let lossHat = 0;
  for (const z of rowsData) {
    let m = 0;
    for (let i = 0; i < d; i++) m += z[i]! * thetaHat[i]!;
    lossHat += softplus(-m);
  }
  const gram = new Float64Array(t * t);
  for (let k = 0; k < t; k++) for (let l = 0; l < t; l++) gram[k * t + l] = rowsData[k]!.reduce((s, v, i) => s + v * rowsData[l]![i]!, 0);
  const problem: ConfidenceSetProblem = {
    kind: "practical",
    dim: d,
    rank: d,
    S: 1,
    rows: { count: t, row: (k) => rowsData[k]!, weight: () => 1 },
    gram,
    gramStride: t,
    lossLevel: shape.loss === "binding" ? 1.02 * lossHat : 1000 * t,
    lossMayBind: true,
    thetaHat,
    hasResidual: false,
  };
  const a = Float64Array.from({ length: d }, () => r());
  return new ConfidenceSetCone(problem, { includeLoss: true }).problemFor(a, 0);
}

/**
 * A column near the diagonal of a rows × n band (±`halfWidth` columns): banded sparsity like a
 * discretized or time-staged model. The half-width sets the fill of the LDLᵀ factor (≈ n·width),
 * so it moves the share of a solve the factorization takes; uniformly random columns would make
 * the factor nearly dense.
 */
function bandColumn(row: number, rows: number, n: number, halfWidth: number, r: () => number): number {
  const centre = Math.floor((row * n) / Math.max(rows, 1));
  return Math.min(n - 1, Math.max(0, centre + Math.round(2 * halfWidth * r())));
}

/**
 * A sparse LP large enough for the factorization to matter: minimize cᵀx over 0 ≤ x ≤ 1 and
 * `rows` banded sparse inequalities Gx ≤ h (`perRow` nonzeros each, within ±`halfWidth` columns of the diagonal) that x₀ = ½·1 satisfies with
 * slack, so the problem is feasible and bounded.
 */
export function sparseLp(n: number, rows: number, perRow: number, seed: number, halfWidth = 20): ConicProblem {
  const r = uniform(seed);
  const ri: number[] = [];
  const ci: number[] = [];
  const vi: number[] = [];
  const b: number[] = [];
  for (let k = 0; k < rows; k++) {
    let atHalf = 0;
    const used = new Set<number>();
    while (used.size < perRow) used.add(bandColumn(k, rows, n, halfWidth, r));
    for (const j of used) {
      const v = r();
      ri.push(k);
      ci.push(j);
      vi.push(v);
      atHalf += 0.5 * v;
    }
    b.push(atHalf + 0.1 + (r() + 0.5));
  }
  for (let j = 0; j < n; j++) {
    ri.push(rows + 2 * j, rows + 2 * j + 1);
    ci.push(j, j);
    vi.push(-1, 1);
    b.push(0, 1);
  }
  const q = Array.from({ length: n }, () => r());
  return { q, A: { rows: ri, cols: ci, vals: vi, shape: [rows + 2 * n, n] }, b, cones: [{ type: "nonneg", dim: rows + 2 * n }] };
}

/**
 * A sparse SOCP: minimize cᵀx subject to `cones` small second-order cones ‖Bₖx − gₖ‖ ≤ 1
 * (`coneDim` − 1 rows of `perRow` nonzeros each, gₖ random) and −1 ≤ x ≤ 1; x = 0 is feasible
 * when ‖gₖ‖ < 1, which the scaling of g guarantees.
 */
export function sparseSocp(n: number, cones: number, coneDim: number, perRow: number, seed: number, halfWidth = 20): ConicProblem {
  const r = uniform(seed);
  const ri: number[] = [];
  const ci: number[] = [];
  const vi: number[] = [];
  const b: number[] = [];
  const specs: ConeSpec[] = [];
  for (let k = 0; k < cones; k++) {
    b.push(1);
    const g = Array.from({ length: coneDim - 1 }, () => r());
    const gNorm = Math.hypot(...g);
    for (let i = 0; i < coneDim - 1; i++) {
      const row = b.length;
      const used = new Set<number>();
      while (used.size < perRow) used.add(bandColumn(row, cones * coneDim, n, halfWidth, r));
      // s = (1, g − Bx): rows of A are −(−B) = B.
      for (const j of used) {
        ri.push(row);
        ci.push(j);
        vi.push(r());
      }
      b.push((0.5 * g[i]!) / gNorm);
    }
    specs.push({ type: "soc", dim: coneDim });
  }
  const start = b.length;
  for (let j = 0; j < n; j++) {
    ri.push(start + 2 * j, start + 2 * j + 1);
    ci.push(j, j);
    vi.push(-1, 1);
    b.push(1, 1);
  }
  specs.push({ type: "nonneg", dim: 2 * n });
  const q = Array.from({ length: n }, () => r());
  return { q, A: { rows: ri, cols: ci, vals: vi, shape: [b.length, n] }, b, cones: specs };
}

/**
 * One large second-order cone: minimize t subject to ‖x − c‖ ≤ t and Σx = 1 (variables (t, x),
 * x ∈ ℝⁿ, cᵢ = sin i), the Euclidean projection of c onto the plane Σx = 1. Its SOC has dimension
 * n + 1, which a dense KKT block would make an (n + 1)² problem; the solver's sparse SOC expansion
 * keeps it linear. The optimum is x = c + (1 − Σc)/n·1, t = |1 − Σc|/√n.
 */
export function singleLargeSoc(n: number): ConicProblem {
  const rows: number[] = [0];
  const cols: number[] = [0];
  const vals: number[] = [-1];
  for (let i = 0; i < n; i++) {
    rows.push(1 + i, n + 1);
    cols.push(1 + i, 1 + i);
    vals.push(-1, 1);
  }
  return {
    q: [1, ...new Array<number>(n).fill(0)],
    A: { rows, cols, vals, shape: [n + 2, n + 1] },
    b: [0, ...Array.from({ length: n }, (_, i) => -Math.sin(i)), 1],
    cones: [
      { type: "soc", dim: n + 1 },
      { type: "zero", dim: 1 },
    ],
  };
}
