import { isUserAlignError } from "@useralign/core";
import { DEFAULT_SETTINGS, taskKey, type Task } from "@useralign/experiments";
import { describe, expect, it } from "vitest";
import { jobId, parseJobData, parseJobResult } from "./job-data.js";

const task: Task = { domain: "food2d", question: 1, persona: 2, user: "embedding", seed: 3, family: "steps:iidbest" };

describe("job payloads and results", () => {
  it("round-trips every user model and family, and keys jobs without ':'", () => {
    for (const user of ["btl", "consistent", "embedding"] as const)
      expect(parseJobData({ task: { ...task, user } })).toEqual({ ...task, user });
    expect(jobId({ ...task, domain: "C:\\\\pools\\\\x.json" })).toMatch(/^[0-9a-f]{32}$/);
    expect(jobId(task)).not.toBe(jobId({ ...task, seed: 4 }));
  });

  it("refuses malformed payloads with invalid_input", () => {
    for (const bad of [
      null,
      {},
      { task: { ...task, user: "llm" } },
      { task: { ...task, question: -1 } },
      { task: { ...task, family: "steps:oracle" } },
    ]) {
      try {
        parseJobData(bad);
        expect.unreachable();
      } catch (e) {
        expect(isUserAlignError(e, "invalid_input")).toBe(true);
      }
    }
  });

  it("accepts only the task's own records, as many as it writes", () => {
    const settings = { ...DEFAULT_SETTINGS, steps: 2 };
    const rec = { kind: "session", task: taskKey(task) };
    expect(parseJobResult(task, [rec, rec, rec], settings)).toHaveLength(3);
    expect(() => parseJobResult(task, [rec, rec], settings)).toThrow(/does not hold its 3 record\(s\)/);
    expect(() => parseJobResult(task, [rec, rec, { ...rec, task: "other" }], settings)).toThrow(/does not hold/);
    expect(() => parseJobResult(task, "nope", settings)).toThrow(/not a list of records/);
  });
});
