import { isUserAlignError } from "@useralign/core";
import { describe, expect, it } from "vitest";
import { formatPath, parsePool } from "./pool-file.js";

describe("parsePool", () => {
  const base = { format: "useralign-pool", version: 1, question: "Q?", baseline: { text: "B." } };
  const candidates = [
    { id: "a", text: "A.", features: [0, 0.1] },
    { id: "b", text: "B.", features: [0.1, 0] },
  ];

  it("accepts a minimal pool", () => {
    expect(parsePool({ ...base, candidates }).candidates).toHaveLength(2);
  });

  it("reports every issue with its path as invalid_input", () => {
    try {
      parsePool({ ...base, featureNames: ["x"], candidates: [...candidates, { id: "a", text: "C.", features: [1] }] }, "p.json");
      expect.unreachable();
    } catch (e) {
      expect(isUserAlignError(e, "invalid_input")).toBe(true);
      const err = e as { message: string; issues: { path: unknown[] }[] };
      expect(err.issues.map((i) => i.path)).toEqual([["candidates", 2, "features"], ["candidates", 2, "id"], ["featureNames"]]);
      expect(err.message).toMatch(/^p\.json is not a valid pool file:\n {2}candidates\[2\]\.features: has 1 numbers/);
    }
  });

  it("formats paths as JavaScript would", () => {
    expect(formatPath(["candidates", 3, "text"])).toBe("candidates[3].text");
    expect(formatPath([])).toBe("(top level)");
  });
});
