import { describe, expect, it } from "vitest";
import { projectExp } from "./exp-projection.js";

// Membership written again from the definitions. The tolerance shifts the point by tol·(−1, 1, 1),
// a direction inside both cones: near the face {y = 0} a plain tolerance on y·exp(x/y) ≤ z would
// test rounding noise amplified by exp(x/y), not the projection.
const inK = (x: number, y: number, z: number, tol: number) => {
  const [a, b, c] = [x - tol, y + tol, z + tol];
  return b > 0 && b * Math.exp(a / b) <= c;
};
const inKDual = (u: number, v: number, w: number, tol: number) => {
  const [a, b, c] = [u - tol, v + tol, w + tol];
  return a < 0 && -a * Math.exp(b / a) <= Math.E * c;
};

describe("projection onto the exponential cone", () => {
  it("satisfies Moreau's conditions p ∈ K, p − v ∈ K*, ⟨p, p − v⟩ = 0 on random points of every region", () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const out = new Float64Array(3);
    const regions = new Set<string>();
    for (let k = 0; k < 5000; k++) {
      const scale = 10 ** (3 * rand());
      const v = [scale * rand(), scale * rand(), scale * rand()];
      projectExp(v, 0, out);
      const [px, py, pz] = out as unknown as [number, number, number];
      const d = [px - v[0]!, py - v[1]!, pz - v[2]!];
      const size = Math.hypot(...v);
      const tol = 1e-9 * size;
      expect(inK(px, py, pz, tol), `p of ${v}`).toBe(true);
      expect(inKDual(d[0]!, d[1]!, d[2]!, tol), `p − v of ${v}`).toBe(true);
      expect(Math.abs(px * d[0]! + py * d[1]! + pz * d[2]!)).toBeLessThanOrEqual(1e-9 * size * size);
      regions.add(d.every((t) => t === 0) ? "inside" : px === 0 && py === 0 && pz === 0 ? "polar" : py === 0 ? "face" : "curved");
    }
    expect([...regions].sort()).toEqual(["curved", "face", "inside", "polar"]);
  });

  it("is the identity on the cone and 0 on its polar", () => {
    const out = new Float64Array(3);
    projectExp([1, 1, Math.E + 1], 0, out);
    expect(Array.from(out)).toEqual([1, 1, Math.E + 1]);
    projectExp([1, -1, -1], 0, out); // −v = (−1, 1, 1) ∈ K*
    expect(Array.from(out)).toEqual([0, 0, 0]);
  });
});
