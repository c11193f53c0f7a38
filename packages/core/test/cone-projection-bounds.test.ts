/**
 * The cone projection consults its caller's bound test only when a bound could pass it: every
 * bound carries the relative slack, so a test that rejects the slack itself (B ≈ 0, where every
 * V ≥ 0 ties; or a candidate of lower index than the incumbent) gets the exact projection at once.
 * Checked against projections without any test, and against a brute-force projection in 2-D.
 */
import { describe, expect, it } from "vitest";
import { ConeProjector, type HalfspaceSystem } from "../src/solver/cone-projection.js";

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647 - 0.5;
}

function system(rows: Float64Array[]): HalfspaceSystem {
  const t = rows.length;
  const gram = new Float64Array(t * t);
  for (let k = 0; k < t; k++) for (let l = 0; l < t; l++) gram[k * t + l] = rows[k]!.reduce((s, x, i) => s + x * rows[l]![i]!, 0);
  return { rows: { count: t, row: (k) => rows[k]!, weight: () => 1 }, gram, gramStride: t };
}

describe("cone projection with a bound test that no bound can pass", () => {
  it("is never pruned, asks the test once, and equals the projection without a test", () => {
    const rnd = lcg(31);
    const r = 6;
    const rows = Array.from({ length: 12 }, () => Float64Array.from({ length: r }, rnd));
    const sys = system(rows);
    const withTest = new ConeProjector(sys);
    const without = new ConeProjector(sys);
    for (let trial = 0; trial < 40; trial++) {
      const a = Float64Array.from({ length: r }, rnd);
      const asked: number[] = [];
      const got = withTest.project(a, r, undefined, (upper) => {
        asked.push(upper);
        return upper <= 0;
      });
      const want = without.project(a, r);
      expect(got.pruned).toBe(false);
      expect(got.status).toBe("exact");
      expect(asked.length).toBe(1);
      expect(got.normSq).toBe(want.normSq);
    }
  });

  it("still prunes when a bound can pass, and agrees with a brute-force projection in 2-D", () => {
    const rnd = lcg(5);
    // C = {α : ⟨z_k, α⟩ ≥ 0} in 2-D: a wedge. Brute force: the best point of C on a fine grid of
    // directions, at its optimal length.
    const rows = [Float64Array.of(1, 0.3), Float64Array.of(-0.2, 1)];
    const sys = system(rows);
    const projector = new ConeProjector(sys);
    let pruned = 0;
    for (let trial = 0; trial < 60; trial++) {
      const a = Float64Array.from({ length: 2 }, rnd);
      let brute = 0;
      // A grid of directions plus the wedge's two edges (where the best point lies when a is outside).
      const edges = rows.flatMap((z) => [Math.atan2(z[0]!, -z[1]!), Math.atan2(-z[0]!, z[1]!)]);
      const angles = [...Array.from({ length: 20000 }, (_, i) => (2 * Math.PI * i) / 20000), ...edges];
      for (const angle of angles) {
        const u = [Math.cos(angle), Math.sin(angle)];
        if (rows.some((z) => z[0]! * u[0]! + z[1]! * u[1]! < -1e-12)) continue;
        const len = Math.max(0, a[0]! * u[0]! + a[1]! * u[1]!);
        brute = Math.max(brute, len * len);
      }
      const exact = projector.project(a, 2, undefined, (upper) => upper <= 0);
      expect(Math.abs(exact.normSq - brute)).toBeLessThan(1e-7);
      const cut = projector.project(a, 2, undefined, (upper) => upper < 0.05);
      if (cut.pruned) {
        pruned++;
        expect(cut.upperNormSq).toBeGreaterThanOrEqual(brute - 1e-7);
      } else expect(Math.abs(cut.normSq - brute)).toBeLessThan(1e-7);
    }
    expect(pruned).toBeGreaterThan(5);
  });
});
