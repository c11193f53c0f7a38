import { createDomain } from "@useralign/domains";
import { describe, expect, it } from "vitest";
import { aggregate } from "../src/report/aggregate.js";
import { reportFiles } from "../src/report/write-report.js";
import { formatMeanSem } from "../src/report/markdown.js";
import { meanSem } from "../src/report/stats.js";
import { niceTicks } from "../src/report/svg-chart.js";
import { runExperiment } from "../src/runner.js";
import { DEFAULT_SETTINGS } from "../src/settings.js";

describe("statistics", () => {
  it("mean and standard error", () => {
    const v = meanSem([1, 2, 3, 4]);
    expect(v.mean).toBe(2.5);
    expect(v.sem).toBeCloseTo(Math.sqrt(5 / 3 / 4), 12);
    expect(meanSem([7]).sem).toBe(0);
    expect(formatMeanSem({ mean: 98.666, sem: 0.9432, n: 3 })).toBe("98.67 (0.94)");
  });
  it("round tick values", () => {
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0.03, 0.91)).toEqual([0.2, 0.4, 0.6, 0.8]);
  });
});

describe("report", async () => {
  const datasets = { synthetic2d: createDomain("synthetic2d", { questions: 2, candidates: 10 }) };
  const settings = { ...DEFAULT_SETTINGS, maxQuestions: 30, maxSteps: 30, steps: 5, traceSteps: 6, traceResolution: 41 };
  const { records } = await runExperiment({ datasets, users: ["consistent"], seeds: [0], settings });
  const reports = aggregate(records, datasets, settings);
  const files = reportFiles(reports, { tasks: 1, ran: 1, workers: 0, wallMs: 1000, cpuMs: 900, settings, command: "useralign simulate …" });

  it("has the paper's rows in order with mean (sem) cells", () => {
    const md = files["results.md"]!;
    const rows = md.split("\n").filter((l) => /^\| (UserAlign \(ε = \d\.\d\)|IIDBest \(T = \d+\)|Oracle|Random) \|/.test(l));
    expect(rows[0]).toMatch(/^\| UserAlign \(ε = 3\.0\) \| \d+\.\d\d \(\d+\.\d\d\) \|/);
    expect(rows.filter((r) => r.startsWith("| UserAlign (ε"))).toHaveLength(9);
    expect(rows.filter((r) => r.startsWith("| IIDBest (T"))).toHaveLength(11);
    expect(md).toMatch(/\| Oracle \| 100\.00 \(0\.00\) \| 0\.00 \(0\.00\) \| 0\.00 \(0\.00\) \| 100\.00 \(0\.00\) \|/);
    expect(md).toContain("steps = questions plus earlier answers");
    expect(md).toContain("UserAlign (ε = 0) vs IIDBest (T = 20)");
    expect(md).toContain("area Θ_loss ∩ H (UserAlign)");
  });

  it("writes the three figures as standalone SVG with the data drawn", () => {
    expect(Object.keys(files).sort()).toEqual([
      "report.json",
      "results.md",
      "synthetic2d-consistent-cost.svg",
      "synthetic2d-consistent-geometry.svg",
      "synthetic2d-consistent-steps.svg",
    ]);
    for (const [name, svg] of Object.entries(files)) {
      if (!name.endsWith(".svg")) continue;
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg.match(/<svg/g)!.length).toBe(svg.match(/<\/svg>/g)!.length);
      expect(svg).toMatch(/<polyline [^>]*points="[\d., -]+"/);
      expect(svg).not.toMatch(/NaN/);
    }
    expect(files["synthetic2d-consistent-cost.svg"]).toContain("Oracle");
    expect(JSON.parse(files["report.json"]!).reports[0].table).toHaveLength(31);
  });
});
