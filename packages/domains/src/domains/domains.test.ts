import { maxPairwiseDistance, toFeatureMatrix } from "@useralign/core";
import { describe, expect, it } from "vitest";
import { datasetIssues, type Dataset } from "../dataset-file.js";
import { createDomain, DOMAIN_NAMES } from "./create-domain.js";
import { FOOD_QUESTIONS } from "./food2d-data.js";

const norm = (v: readonly number[]) => Math.hypot(...v);

describe("bundled domains", () => {
  const small = { questions: 3, personas: 3 };
  it.each(DOMAIN_NAMES)("%s passes the dataset checks and is reproducible", (name) => {
    const d: Dataset = createDomain(name, small);
    expect(datasetIssues(d)).toEqual([]);
    expect(createDomain(name, small)).toEqual(d);
    for (const q of d.questions) {
      expect(maxPairwiseDistance(toFeatureMatrix(q.candidates.map((c) => c.features)))).toBeLessThanOrEqual(1 + 1e-12);
      expect(q.baseline.features).toHaveLength(d.dimension);
    }
    for (const p of d.personas) expect(norm(p.theta!)).toBeLessThanOrEqual(3 + 1e-12);
  });

  it("places synthetic2d candidates in the disk of radius ½ and users on the circle of radius 3", () => {
    const d = createDomain("synthetic2d", { questions: 4, candidates: 50, personas: 20 });
    for (const q of d.questions) for (const c of q.candidates) expect(norm(c.features)).toBeLessThanOrEqual(0.5);
    for (const p of d.personas) expect(norm(p.theta!)).toBeCloseTo(3, 12);
    // Uniform in area: about a quarter of the points fall inside radius ¼.
    const inner = d.questions.flatMap((q) => q.candidates).filter((c) => norm(c.features) < 0.25).length;
    expect(inner / 200).toBeGreaterThan(0.15);
    expect(inner / 200).toBeLessThan(0.35);
  });

  it("puts sphere candidates at norm ½ with the pool's centre as baseline, N configurable", () => {
    const d = createDomain("sphere512", { questions: 1, candidates: 7 });
    expect(d.dimension).toBe(512);
    const q = d.questions[0]!;
    expect(q.candidates).toHaveLength(7);
    for (const c of q.candidates) expect(norm(c.features)).toBeCloseTo(0.5, 12);
    const mean = q.candidates[0]!.features.map((_, i) => q.candidates.reduce((s, c) => s + c.features[i]!, 0) / 7);
    q.baseline.features!.forEach((v, i) => expect(v).toBeCloseTo(mean[i]!, 14));
    expect(() => createDomain("sphere64", { candidates: 1001 })).toThrow(/2 to 1000 candidates/);
  });

  it("food2d: ≥ 20 distinct hand-placed suggestions for each of ≥ 3 questions, on [−1, 1]²", () => {
    expect(FOOD_QUESTIONS.length).toBeGreaterThanOrEqual(3);
    for (const q of FOOD_QUESTIONS) {
      expect(q.items.length).toBeGreaterThanOrEqual(20);
      const keys = new Set(q.items.map((i) => i.at.join(",")));
      expect(keys.size).toBe(q.items.length);
      for (const i of [...q.items, q.baseline]) for (const v of i.at) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    }
  });

  it("food2d personas have a unique favourite in every question (no ties for ORACLE)", () => {
    const d = createDomain("food2d");
    for (const p of d.personas) {
      for (const q of d.questions) {
        const scores = q.candidates.map((c) => c.features[0]! * p.theta![0]! + c.features[1]! * p.theta![1]!).sort((a, b) => b - a);
        expect(scores[0]! - scores[1]!).toBeGreaterThan(1e-6);
      }
    }
  });

  it("rejects unknown domains with the list of known ones", () => {
    expect(() => createDomain("moon3d")).toThrow(
      /Unknown domain "moon3d"; the bundled domains are synthetic2d, food2d, sphere64, sphere512/,
    );
  });
});
