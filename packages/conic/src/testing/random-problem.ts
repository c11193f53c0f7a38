import type { ConeSpec, ConicProblem } from "../problem.js";
import { lcgUniform } from "./lcg.js";

/**
 * A random problem with a known optimum by construction: pick x₀, a complementary pair s₀ ∈ K,
 * y₀ ∈ K* (sᵀy = 0 cone by cone: one side zero, or both on the boundary facing each other), a PSD P
 * (or none), then b = Ax₀ + s₀ and q = −Px₀ − Aᵀy₀, so (x₀, s₀, y₀) satisfies the KKT conditions and
 * the optimal value is ½x₀ᵀPx₀ + qᵀx₀.
 */
export function randomProblem(seed: number, withExp = false): { problem: ConicProblem; objective: number } {
  const r = lcgUniform(seed);
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
      // Both on the boundary, facing each other: s = a(1, u), y = c(1, −u).
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
  const expCount = withExp ? 1 + Math.floor(between(0, 3)) : 0;
  for (let k = 0; k < expCount; k++) {
    cones.push({ type: "exp", dim: 3 });
    const rr = r() * 2;
    const c = r() + 0.6;
    const mode = r();
    if (mode < 0) {
      // Complementary boundary pair: s = (ρ, 1, e^ρ) and y = c·(−e^ρ, −e^ρ(1 − ρ), 1) (the normal there).
      s0.push(rr, 1, Math.exp(rr));
      y0.push(-c * Math.exp(rr), -c * Math.exp(rr) * (1 - rr), c);
    } else if (mode < 0.25) {
      s0.push(rr - 1, 1, Math.exp(rr)); // interior (y = 0)
      y0.push(0, 0, 0);
    } else {
      s0.push(0, 0, 0);
      y0.push(-c, c * rr, c * Math.exp(1 + rr)); // interior of K*: −u·e^{v/u} = c·e^{−ρ} < e·w
    }
  }
  const m = s0.length;
  const A = Array.from({ length: m }, () => Array.from({ length: n }, () => (r() > 0.1 ? r() * 2 : 0)));
  const x0 = Array.from({ length: n }, () => r() * 2);
  const hasP = r() > 0;
  const L = Array.from({ length: n }, () => Array.from({ length: n }, () => (r() > 0.2 ? r() : 0)));
  // P = LᵀL is PSD (and often singular).
  const P = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (hasP ? L.reduce((sum, row) => sum + row[i]! * row[j]!, 0) : 0)),
  );
  const Px0 = P.map((row) => row.reduce((sum, v, j) => sum + v * x0[j]!, 0));
  const b = A.map((row, i) => row.reduce((sum, v, j) => sum + v * x0[j]!, 0) + s0[i]!);
  const q = x0.map((_, j) => -Px0[j]! - A.reduce((sum, row, i) => sum + row[j]! * y0[i]!, 0));
  const objective = 0.5 * x0.reduce((sum, v, j) => sum + v * Px0[j]!, 0) + q.reduce((sum, v, j) => sum + v * x0[j]!, 0);
  const triplets = (M: number[][], upperOnly: boolean) => {
    const rows: number[] = [];
    const cols: number[] = [];
    const vals: number[] = [];
    M.forEach((row, i) =>
      row.forEach((v, j) => {
        if (v !== 0 && (!upperOnly || i <= j)) {
          rows.push(i);
          cols.push(j);
          vals.push(v);
        }
      }),
    );
    return { rows, cols, vals, shape: [M.length, n] as [number, number] };
  };
  return { problem: { ...(hasP ? { P: triplets(P, true) } : {}), q, A: triplets(A, false), b, cones }, objective };
}
