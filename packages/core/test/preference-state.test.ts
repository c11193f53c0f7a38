/**
 * PreferenceState's incremental quantities against a from-scratch route: for every candidate,
 * c_j = φ_j − φ_first is projected onto span(Z) by a fresh Gram–Schmidt of the history's z_k (run
 * twice, in its own code), and the directions' reduced coordinates (expanded back to R^d), ρ_j
 * (both the ‖c‖² − ‖a‖² route and the residual-row fallback), ‖c_j‖ and ⟨z_k, c_j⟩ must agree. The pool
 * holds candidates exactly in span(Z) (ρ = 0) and 1e-7 outside it, where only the residual rows
 * give ρ accurately; the residual rows are read between answers, so their on-demand deflation is
 * checked after the basis grew.
 */
import { describe, expect, it } from "vitest";
import { PreferenceState } from "../src/preference-state.js";

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
}

/** Projection of c onto span(rows) and the residual, by classical Gram–Schmidt applied twice. */
function projectFromScratch(rows: number[][], c: number[]): { inSpan: number[]; residual: number[] } {
  const basis: number[][] = [];
  const dotOf = (u: number[], v: number[]) => u.reduce((s, x, i) => s + x * v[i]!, 0);
  for (const z of rows) {
    const w = z.slice();
    for (let pass = 0; pass < 2; pass++)
      for (const q of basis) {
        const f = dotOf(q, w);
        for (let i = 0; i < w.length; i++) w[i]! -= f * q[i]!;
      }
    const norm = Math.sqrt(dotOf(w, w));
    if (norm > 1e-10 * Math.sqrt(dotOf(z, z))) basis.push(w.map((x) => x / norm));
  }
  const residual = c.slice();
  for (let pass = 0; pass < 2; pass++)
    for (const q of basis) {
      const f = dotOf(q, residual);
      for (let i = 0; i < residual.length; i++) residual[i]! -= f * q[i]!;
    }
  return { inSpan: c.map((x, i) => x - residual[i]!), residual };
}

describe("PreferenceState directions", () => {
  const n = 14;
  const d = 9;
  const rnd = lcg(2024);
  const phi: number[][] = Array.from({ length: n }, () => Array.from({ length: d }, () => rnd()));
  // Candidate 10 lies 1e-7 off the line through φ_0 and φ_1, candidate 11 1e-7 off the plane of
  // φ_0, φ_2, φ_3 (both nearly in span(Z) once those answers are in): only the residual rows give ρ.
  phi[10] = phi[0]!.map((x, i) => x + 0.3 * (phi[1]![i]! - x) + 1e-7 * rnd());
  phi[11] = phi[0]!.map((x, i) => x + 0.5 * (phi[2]![i]! - x) - 0.2 * (phi[3]![i]! - x) + 1e-7 * rnd());
  const features = Float64Array.from(phi.flat());
  const answers = [
    { winner: 1, loser: 0 },
    { winner: 2, loser: 1 },
    { winner: 3, loser: 2 },
    { winner: 1, loser: 0 }, // a replay: weight only
    { winner: 5, loser: 4 },
    { winner: 7, loser: 6 },
    { winner: 3, loser: 0 }, // in the span already: no new basis vector
    { winner: 8, loser: 5 },
  ];

  it("reduced coordinates, ρ_j and ⟨z_k, c_j⟩ match a projection from scratch after every answer", () => {
    const state = new PreferenceState(features, n, d);
    const history: number[][] = [];
    let fallbackChecks = 0;
    for (const answer of answers) {
      state.add(answer);
      const z = phi[answer.winner]!.map((x, i) => x - phi[answer.loser]![i]!);
      if (!history.some((h) => h.every((x, i) => x === z[i]))) history.push(z);
      for (const first of [0, 3]) {
        const directions = state.directions(first);
        const a = new Float64Array(state.rank);
        const dots = new Float64Array(state.count);
        for (let j = 0; j < n; j++) {
          const c = phi[j]!.map((x, i) => x - phi[first]![i]!);
          const { inSpan, residual } = projectFromScratch(history, c);
          directions.reduced(j, a);
          const expanded = state.basis.expand(a);
          for (let i = 0; i < d; i++) expect(Math.abs(expanded[i]! - inSpan[i]!)).toBeLessThan(1e-13);
          const rho = Math.sqrt(residual.reduce((s, x) => s + x * x, 0));
          expect(Math.abs(directions.norm(j) - Math.sqrt(c.reduce((s, x) => s + x * x, 0)))).toBeLessThan(1e-13);
          const aSq = a.reduce((s, x) => s + x * x, 0);
          // The residual rows (no ‖a‖² given) are accurate in absolute terms even at ρ ~ 1e-7 or 0.
          expect(Math.abs(directions.residualNorm(j) - rho)).toBeLessThan(1e-13);
          expect(Math.abs(directions.residualNorm(j, aSq) - rho)).toBeLessThan(1e-13);
          if (rho < 1e-6 && j !== first) fallbackChecks++;
          directions.halfspaceDots!(j, dots);
          for (let k = 0; k < history.length; k++) {
            const exact = history[k]!.reduce((s, x, i) => s + x * c[i]!, 0);
            expect(Math.abs(dots[k]! - exact)).toBeLessThan(1e-13);
          }
        }
      }
    }
    // The near-span candidates (and those in span) went through the residual rows.
    expect(fallbackChecks).toBeGreaterThan(10);
    expect(state.total).toBe(answers.length);
    expect(state.count).toBe(answers.length - 1);
  });

  it("gives the same ρ_j whether the residual rows are read after every answer or only at the end", () => {
    const often = new PreferenceState(features, n, d);
    const once = new PreferenceState(features, n, d);
    for (const answer of answers) {
      often.add(answer);
      once.add(answer);
      const directions = often.directions(0);
      for (let j = 0; j < n; j++) directions.residualNorm(j);
    }
    const a = often.directions(0);
    const b = once.directions(0);
    for (let j = 0; j < n; j++) expect(a.residualNorm(j)).toBe(b.residualNorm(j));
  });
});
