import type { ConeSpec, ConicProblem } from "@useralign/conic";
import { uniform } from "./conic-problems.js";

const softplus = (u: number) => (u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u)));

/** Where the loss level of a sweep problem sits: 1.02·L₀ and 1.5·L₀ (L₀ = the loss at a random θ₀) or slack (1000·t). */
export type SweepLossLevel = "1.02" | "1.5" | "slack";

/**
 * The UserAlign confidence-set problem of @useralign/conic's tests (`test/confidence-set-problem.ts`,
 * same generator and seeds, so a sweep problem and a test problem with the same seed are the same
 * problem): minimize cᵀθ over ‖θ‖ ≤ S and Σᵢ softplus(aᵢᵀθ) ≤ L, each softplus(u) ≤ tᵢ as
 * (−tᵢ, 1, v₁) ∈ K_exp, (u − tᵢ, 1, v₂) ∈ K_exp, v₁ + v₂ ≤ 1. Variables (θ, t, v₁, v₂).
 */
export function sweepConfidenceSet(seed: number, d: number, T: number, level: SweepLossLevel, S = 3): ConicProblem {
  const r = uniform(seed);
  const a = Array.from({ length: T }, () => Array.from({ length: d }, () => r()));
  const c = Array.from({ length: d }, () => r());
  const theta0 = Array.from({ length: d }, () => r());
  const loss0 = a.reduce((sum, ai) => sum + softplus(ai.reduce((s, v, k) => s + v * theta0[k]!, 0)), 0);
  const L = level === "slack" ? 1e3 * T : loss0 * Number(level);
  const n = d + 3 * T;
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  const b: number[] = [];
  const put = (col: number, val: number) => {
    rows.push(b.length);
    cols.push(col);
    vals.push(val);
  };
  const tCol = (i: number) => d + i;
  const v1Col = (i: number) => d + T + i;
  const v2Col = (i: number) => d + 2 * T + i;
  for (let i = 0; i < T; i++) {
    put(tCol(i), 1);
    b.push(0, 1);
    put(v1Col(i), -1);
    b.push(0);
    a[i]!.forEach((v, k) => put(k, -v));
    put(tCol(i), 1);
    b.push(0, 1);
    put(v2Col(i), -1);
    b.push(0);
  }
  for (let i = 0; i < T; i++) {
    put(v1Col(i), 1);
    put(v2Col(i), 1);
    b.push(1);
  }
  for (let i = 0; i < T; i++) put(tCol(i), 1);
  b.push(L, S);
  for (let k = 0; k < d; k++) {
    put(k, -1);
    b.push(0);
  }
  return {
    q: [...c, ...new Array<number>(3 * T).fill(0)],
    A: { rows, cols, vals, shape: [b.length, n] },
    b,
    cones: [...Array.from({ length: 2 * T }, () => ({ type: "exp" as const, dim: 3 as const })), { type: "nonneg", dim: T + 1 }, { type: "soc", dim: d + 1 }],
  };
}

/**
 * The random problem with 1–3 exponential cones and a known optimum of @useralign/conic's tests
 * (`test/random-problems.test.ts`, `randomProblem(seed, true)`, same generator): a complementary
 * pair (s₀, y₀) cone by cone (exp cones: both on the boundary facing each other, or one side
 * interior), a PSD P = LᵀL or none, b = Ax₀ + s₀, q = −Px₀ − Aᵀy₀; the optimal value is returned.
 */
export function sweepRandomExp(seed: number): { problem: ConicProblem; objective: number } {
  const r = uniform(seed);
  const between = (lo: number, hi: number) => lo + (r() + 0.5) * (hi - lo);
  const n = 2 + Math.floor(between(0, 8));
  const cones: ConeSpec[] = [];
  const s0: number[] = [];
  const y0: number[] = [];
  const equalities = Math.floor(between(0, 3));
  if (equalities > 0) {
    cones.push({ type: "zero", dim: equalities });
    for (let i = 0; i < equalities; i++) {
      s0.push(0);
      y0.push(r() * 2);
    }
  }
  const orthant = 1 + Math.floor(between(0, 6));
  cones.push({ type: "nonneg", dim: orthant });
  for (let i = 0; i < orthant; i++) {
    const slackActive = r() > 0;
    s0.push(slackActive ? r() + 0.6 : 0);
    y0.push(slackActive ? 0 : r() + 0.6);
  }
  const socCount = Math.floor(between(0, 3));
  for (let k = 0; k < socCount; k++) {
    const d = 2 + Math.floor(between(0, 3));
    cones.push({ type: "soc", dim: d });
    const u = Array.from({ length: d - 1 }, () => r());
    const norm = Math.hypot(...u) || 1;
    const unit = u.map((v) => v / norm);
    const a = r() + 0.6;
    const c = r() + 0.6;
    const mode = r();
    if (mode < -0.2) {
      s0.push(a, ...unit.map((v) => a * v));
      y0.push(c, ...unit.map((v) => -c * v));
    } else if (mode < 0.2) {
      s0.push(a + 1, ...unit.map((v) => a * v));
      y0.push(...new Array<number>(d).fill(0));
    } else {
      s0.push(...new Array<number>(d).fill(0));
      y0.push(c + 1, ...unit.map((v) => c * v));
    }
  }
  const expCount = 1 + Math.floor(between(0, 3));
  for (let k = 0; k < expCount; k++) {
    cones.push({ type: "exp", dim: 3 });
    const rr = r() * 2;
    const c = r() + 0.6;
    const mode = r();
    if (mode < 0) {
      s0.push(rr, 1, Math.exp(rr));
      y0.push(-c * Math.exp(rr), -c * Math.exp(rr) * (1 - rr), c);
    } else if (mode < 0.25) {
      s0.push(rr - 1, 1, Math.exp(rr));
      y0.push(0, 0, 0);
    } else {
      s0.push(0, 0, 0);
      y0.push(-c, c * rr, c * Math.exp(1 + rr));
    }
  }
  const m = s0.length;
  const A = Array.from({ length: m }, () => Array.from({ length: n }, () => (r() > 0.1 ? r() * 2 : 0)));
  const x0 = Array.from({ length: n }, () => r() * 2);
  const hasP = r() > 0;
  const Lm = Array.from({ length: n }, () => Array.from({ length: n }, () => (r() > 0.2 ? r() : 0)));
  const P = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (hasP ? Lm.reduce((sum, row) => sum + row[i]! * row[j]!, 0) : 0)));
  const Px0 = P.map((row) => row.reduce((sum, v, j) => sum + v * x0[j]!, 0));
  const b = A.map((row, i) => row.reduce((sum, v, j) => sum + v * x0[j]!, 0) + s0[i]!);
  const q = x0.map((_, j) => -Px0[j]! - A.reduce((sum, row, i) => sum + row[j]! * y0[i]!, 0));
  const objective = 0.5 * x0.reduce((sum, v, j) => sum + v * Px0[j]!, 0) + q.reduce((sum, v, j) => sum + v * x0[j]!, 0);
  const triplets = (M: number[][], upperOnly: boolean) => {
    const ri: number[] = [];
    const ci: number[] = [];
    const vi: number[] = [];
    M.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== 0 && (!upperOnly || i <= j)) {
          ri.push(i);
          ci.push(j);
          vi.push(v);
        }
      }),
    );
    return { rows: ri, cols: ci, vals: vi, shape: [M.length, n] as [number, number] };
  };
  return { problem: { ...(hasP ? { P: triplets(P, true) } : {}), q, A: triplets(A, false), b, cones }, objective };
}
