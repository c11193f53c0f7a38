import { describe, expect, it } from "vitest";
import { maxPairwiseDistance, scaleFeatures, toFeatureMatrix } from "./features.js";

describe("scaleFeatures", () => {
  const raw = [
    [3, 4, 0],
    [-10, 2, 1],
    [0.5, 0.5, 0.5],
    [7, -7, 7],
  ];
  it("unit: every row at norm ½, so every pairwise distance ≤ 1", () => {
    const out = scaleFeatures(raw);
    for (const row of out) expect(Math.hypot(...row)).toBeCloseTo(0.5, 12);
    expect(maxPairwiseDistance(toFeatureMatrix(out))).toBeLessThanOrEqual(1);
  });
  it("center: keeps the geometry (distance ratios) and fits it in a ball of radius ½", () => {
    const out = scaleFeatures(raw, { method: "center" });
    const d = (a: number[], b: number[]) => Math.hypot(...a.map((x, k) => x - b[k]!));
    expect(d(out[0]!, out[1]!) / d(out[2]!, out[3]!)).toBeCloseTo(d(raw[0]!, raw[1]!) / d(raw[2]!, raw[3]!), 12);
    expect(maxPairwiseDistance(toFeatureMatrix(out))).toBeLessThanOrEqual(1);
  });
  it("rejects an all-zero row under unit scaling and leaves the input untouched", () => {
    const rows = [
      [0, 0],
      [1, 1],
    ];
    expect(() => scaleFeatures(rows)).toThrow(/row 0 is all zeros/);
    expect(rows).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });
});
