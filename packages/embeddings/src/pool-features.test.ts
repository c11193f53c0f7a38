import { assertFeatureScale, isUserAlignError, toFeatureMatrix } from "@useralign/core";
import { describe, expect, it } from "vitest";
import { createHashingEmbedder } from "./hashing/hashing-embedder.js";
import { embedPoolFeatures } from "./pool-features.js";

describe("embedPoolFeatures", () => {
  const texts = ["a spicy chickpea curry", "a mild lentil soup", "grilled salmon with greens", "pasta with tomato sauce"];

  it("returns rows that meet the pool's scale condition, unit by default", async () => {
    const progress: number[] = [];
    const rows = await embedPoolFeatures(createHashingEmbedder({ dimension: 32 }), texts, { onProgress: (p) => progress.push(p.done) });
    expect(rows).toHaveLength(4);
    for (const r of rows) expect(Math.hypot(...r)).toBeCloseTo(0.5, 9);
    expect(() => assertFeatureScale(toFeatureMatrix(rows))).not.toThrow();
    expect(progress.at(-1)).toBe(4);
  });

  it("centers on request, keeping the pool's geometry", async () => {
    const rows = await embedPoolFeatures(createHashingEmbedder({ dimension: 32 }), texts, { scale: "center" });
    const mean = rows[0]!.map((_, k) => rows.reduce((s, r) => s + r[k]!, 0) / rows.length);
    for (const m of mean) expect(Math.abs(m)).toBeLessThan(1e-12);
    expect(Math.max(...rows.map((r) => Math.hypot(...r)))).toBeCloseTo(0.5, 9);
  });

  it("passes the core's error on a candidate with no words (a zero row cannot be unit-scaled)", async () => {
    const e = await embedPoolFeatures(createHashingEmbedder(), ["words here", "!!!"]).catch((err: unknown) => err);
    expect(isUserAlignError(e, "invalid_input")).toBe(true);
    expect((e as Error).message).toBe("Feature row 1 is all zeros and has no direction to normalize.");
  });
});
