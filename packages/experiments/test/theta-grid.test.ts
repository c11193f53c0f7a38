import { describe, expect, it } from "vitest";
import { bestPerPoint, GridConfidenceSets, ThetaGrid } from "../src/trace/theta-grid.js";

describe("area by grid counting", () => {
  const grid = new ThetaGrid(3, 401);

  it("measures shapes of known area", () => {
    // Disk of radius 1.5 inside the disk of radius 3: a quarter of the area.
    expect(grid.fraction((x, y) => x * x + y * y <= 2.25)).toBeCloseTo(0.25, 2);
    // A wedge of 60° (intersection of two halfspaces through 0): 1/6 of the disk.
    const a = Math.PI / 3;
    expect(grid.fraction((x, y) => y >= 0 && Math.sin(a) * x - Math.cos(a) * y >= 0)).toBeCloseTo(1 / 6, 2);
  });

  it("tracks H and the loss level incrementally", () => {
    const sets = new GridConfidenceSets(grid);
    const best = new Int32Array(grid.size);
    // No comparisons: L ≡ 0, so any level ≥ 0 keeps the whole disk.
    expect(sets.measure(0, true, best).fraction).toBe(1);
    sets.add([1, 0]);
    sets.add([0, 1]);
    // H = first quadrant: a quarter of the disk (level high enough not to bind).
    expect(sets.measure(1e9, true, best).fraction).toBeCloseTo(0.25, 2);
    expect(sets.measure(1e9, false, best).fraction).toBe(1);
    // L(θ) = softplus(−x) + softplus(−y) ≤ 2·log 2 holds exactly where... at least contains θ = 0 and is smaller than the disk.
    const f = sets.measure(2 * Math.log(2), false, best).fraction;
    expect(f).toBeGreaterThan(0.25);
    expect(f).toBeLessThan(0.75);
  });

  it("counts viable responses as distinct argmaxes over the set", () => {
    const small = new ThetaGrid(3, 81);
    const features = [
      [0.5, 0],
      [0, 0.5],
      [-0.5, 0],
      [0, -0.5],
      [0, 0],
    ];
    const best = bestPerPoint(small, features);
    const sets = new GridConfidenceSets(small);
    expect(sets.measure(1e9, true, best).viable).toBe(4); // the centre point is never strictly best
    // θ = 0 is a grid point at odd resolutions; it prefers nobody (not candidate 0 by the tie rule).
    expect(small.x.some((x, g) => x === 0 && small.y[g] === 0)).toBe(true);
    expect(best.filter((b) => b === -1)).toHaveLength(1);
    sets.add([1, 0]);
    sets.add([1, 1]);
    // H = {x ≥ 0, x + y ≥ 0}: candidate 3 (down) would need −y > x, i.e. x + y < 0, and candidate 2
    // (left) x < 0, so only 0 and 1 can win.
    expect(sets.measure(1e9, true, best).viable).toBe(2);
    expect(sets.measure(1e9, false, best).viable).toBe(4);
  });
});
