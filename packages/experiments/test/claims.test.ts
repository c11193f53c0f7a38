import { createDomain, type Dataset } from "@useralign/domains";
import { describe, expect, it } from "vitest";
import { aggregate } from "../src/report/aggregate.js";
import { runExperiment } from "../src/runner.js";
import { DEFAULT_SETTINGS, type RunSettings } from "../src/settings.js";
import type { SessionRecord, TraceRecord } from "../src/task.js";

const settings: RunSettings = { ...DEFAULT_SETTINGS, steps: 0, traceSteps: 0 };
const sessions = (records: unknown[]) => records.filter((r): r is SessionRecord => (r as SessionRecord).kind === "session");

describe("what the runs must show (small runs)", () => {
  it("consistent users: UserAlign at ε = 0 returns ORACLE's choice in every session of every domain", async () => {
    const datasets: Record<string, Dataset> = {
      synthetic2d: createDomain("synthetic2d", { questions: 3 }),
      food2d: createDomain("food2d"),
      sphere64: createDomain("sphere64", { questions: 2 }),
      sphere512: createDomain("sphere512", { questions: 1 }),
    };
    const { records } = await runExperiment({
      datasets,
      users: ["consistent"],
      seeds: [0, 1],
      families: ["useralign", "oracle"],
      settings,
    });
    const all = sessions(records);
    const oracle = new Map(
      all.filter((r) => r.method === "oracle").map((r) => [`${r.domain}|${r.question}|${r.persona}|${r.seed}`, r.choice]),
    );
    const ours = all.filter((r) => r.method === "useralign" && r.epsilon === 0);
    // synthetic2d 3×3×2 + food2d 3×4×2 + sphere64 2×3×2 + sphere512 1×3×2
    expect(ours).toHaveLength(18 + 24 + 12 + 6);
    for (const r of ours) {
      expect(r.reason).toBe("bound");
      expect(r.choice, `${r.domain} q${r.question} p${r.persona} s${r.seed}`).toBe(
        oracle.get(`${r.domain}|${r.question}|${r.persona}|${r.seed}`),
      );
    }
  });

  it("sphere domains: UserAlign-loss runs to the step cap for ε ≤ 1, UserAlign stops in about N steps, IIDBEST(199) stays below", async () => {
    const datasets = { sphere64: createDomain("sphere64", { questions: 2 }), sphere512: createDomain("sphere512", { questions: 1 }) };
    const { records } = await runExperiment({
      datasets,
      users: ["consistent"],
      seeds: [0, 1],
      families: ["useralign", "useralign-loss", "iidbest"],
      settings,
    });
    const all = sessions(records);
    for (const [domain, n] of [
      ["sphere64", 20],
      ["sphere512", 40],
    ] as const) {
      const mine = all.filter((r) => r.domain === domain);
      const loss = mine.filter((r) => r.method === "useralign-loss" && r.epsilon! <= 1);
      expect(loss.length).toBeGreaterThan(0);
      for (const r of loss) {
        // Never max V ≤ ε: it replays answers it has until the 199-step cap, asking far fewer questions.
        expect(r).toMatchObject({ reason: "step-cap", steps: settings.maxSteps });
        expect(r.questions).toBeLessThan(r.steps);
      }
      const ours = mine.filter((r) => r.method === "useralign" && r.epsilon === 0);
      for (const r of ours) {
        expect(r.reason).toBe("bound");
        expect(r.questions).toBeGreaterThanOrEqual(n / 2);
        expect(r.steps).toBeLessThanOrEqual(2 * n);
      }
      const report = aggregate(records, { [domain]: datasets[domain] }, settings)[0]!;
      const row = (label: string) => report.table.find((x) => x.label === label)!;
      // Win-rate against the centre-of-pool baseline saturates; the share returning ORACLE's pick does not.
      expect(row("UserAlign (ε = 0.0)").oracleRate.mean).toBe(100);
      expect(row("IIDBest (T = 199)").oracleRate.mean).toBeLessThan(100);
      expect(row("IIDBest (T = 199)").winRate.mean).toBeLessThanOrEqual(row("UserAlign (ε = 0.0)").winRate.mean);
      expect(row("UserAlign-loss (ε = 0.0)").steps.mean).toBe(settings.maxSteps);
      expect(row("UserAlign-loss (ε = 0.0)").stepCap).toBe(row("UserAlign-loss (ε = 0.0)").sessions);
      expect(report.headToHead.find((h) => h.budget === 199)!.winRate.mean).toBeGreaterThan(50);
    }
  });

  it("synthetic2d: the practical set's area falls far faster than the loss-based set's", async () => {
    const datasets = { synthetic2d: createDomain("synthetic2d", { questions: 2 }) };
    const trace: RunSettings = { ...settings, traceSteps: 15, traceResolution: 121 };
    const { records } = await runExperiment({ datasets, users: ["btl"], seeds: [0], families: ["trace"], settings: trace });
    const traces = records as TraceRecord[];
    expect(traces).toHaveLength(6);
    const g = aggregate(records, datasets, trace)[0]!.geometry!;
    expect(g.areaLoss[0]).toBe(1);
    expect(g.areaPractical[0]).toBe(1);
    // After 10 questions the practical set has lost most of the disk; the loss set almost nothing.
    expect(g.areaPractical[10]!).toBeLessThan(0.1);
    expect(g.areaLoss[10]!).toBeGreaterThan(0.8);
    expect(g.viablePractical[10]!).toBeLessThan(g.viableLoss[10]!);
    for (const t of traces)
      for (let s = 1; s < t.areaPractical.length; s++) expect(t.areaPractical[s]!).toBeLessThanOrEqual(t.areaPractical[s - 1]! + 1e-12);
  });
});
