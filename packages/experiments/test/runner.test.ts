import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isUserAlignError } from "@useralign/core";
import { createDomain } from "@useralign/domains";
import { describe, expect, it } from "vitest";
import { localExecutor, type TaskExecutor } from "../src/executor.js";
import { planTasks, type ExperimentPlan } from "../src/plan.js";
import { runExperiment } from "../src/runner.js";
import { DEFAULT_SETTINGS } from "../src/settings.js";

const plan: ExperimentPlan = {
  datasets: { synthetic2d: createDomain("synthetic2d", { questions: 2, candidates: 10 }), food2d: createDomain("food2d") },
  users: ["btl", "consistent"],
  seeds: [3],
  families: ["useralign", "useralign-loss", "iidbest", "random", "oracle", "steps:useralign", "trace"],
  settings: { ...DEFAULT_SETTINGS, maxQuestions: 40, maxSteps: 40, budgets: [0, 5, 20], steps: 6, traceSteps: 5, traceResolution: 41 },
};

describe("runExperiment", () => {
  it("gives identical records with 0, 1 and 2 worker threads", async () => {
    const inline = await runExperiment(plan, { workers: 0 });
    const one = await runExperiment(plan, { workers: 1 });
    const two = await runExperiment(plan, { workers: 2 });
    expect(inline.records.length).toBeGreaterThan(300);
    expect(one.records).toEqual(inline.records);
    expect(two.records).toEqual(inline.records);
  });

  it("resumes from an interrupted results file, rerunning only what is missing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "useralign-resume-"));
    const out = join(dir, "results.jsonl");
    const full = await runExperiment(plan, { out });
    expect(full.ran).toBe(planTasks(plan).length);

    const again = await runExperiment(plan, { out });
    expect(again.ran).toBe(0);
    expect(again.records).toEqual(full.records);

    // Cut the file in the middle of a line, as a killed run would leave it.
    const text = readFileSync(out, "utf8");
    const lines = text.split("\n");
    const keep = Math.floor(lines.length * 0.6);
    writeFileSync(out, `${lines.slice(0, keep).join("\n")}\n${lines[keep]!.slice(0, 25)}`);
    const resumed = await runExperiment(plan, { out, workers: 2 });
    expect(resumed.ran).toBeGreaterThan(0);
    expect(resumed.ran).toBeLessThan(full.ran / 2);
    expect(resumed.records).toEqual(full.records);
    // The file is whole again: one more run has nothing to do.
    expect((await runExperiment(plan, { out })).ran).toBe(0);
  });

  it("refuses a results file written under other settings", async () => {
    const dir = mkdtempSync(join(tmpdir(), "useralign-fp-"));
    const out = join(dir, "results.jsonl");
    const small = { ...plan, families: ["oracle"] as const };
    await runExperiment(small, { out });
    try {
      await runExperiment({ ...small, settings: { ...small.settings, S: 2 } }, { out });
      expect.unreachable();
    } catch (e) {
      expect(isUserAlignError(e, "invalid_input")).toBe(true);
      expect((e as Error).message).toMatch(/holds results of a different configuration/);
    }
  });

  it("creates the folders of a new results file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "useralign-mkdir-"));
    const out = join(dir, "not", "yet", "results.jsonl");
    const outcome = await runExperiment({ ...plan, families: ["oracle"] as const }, { out });
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines).toHaveLength(1 + outcome.records.length);
  });

  it("records a task once when an executor reports it twice", async () => {
    const dir = mkdtempSync(join(tmpdir(), "useralign-twice-"));
    const out = join(dir, "results.jsonl");
    const small = { ...plan, families: ["oracle", "useralign"] as const };
    const local = localExecutor();
    const twice: TaskExecutor = (tasks, context) =>
      local(tasks, { ...context, onTask: (task, records) => (context.onTask(task, records), context.onTask(task, records)) });
    const outcome = await runExperiment(small, { out, executor: twice });
    expect(outcome.records).toEqual((await runExperiment(small)).records);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines).toHaveLength(1 + outcome.records.length);
  });

  it("draws a progress bar with ETA", async () => {
    let text = "";
    let clock = 0;
    await runExperiment(
      { ...plan, families: ["oracle", "random"] },
      { progress: { write: (t) => (text += t), now: () => (clock += 1000) } },
    );
    const lines = text.trim().split("\n");
    expect(lines.at(-1)).toMatch(/^simulate █+ 72\/72 100%  \d+m\d\ds elapsed, ETA 0s$/);
    expect(lines[0]).toMatch(/ETA \d+/);
  });
});
