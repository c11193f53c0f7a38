import { describe, expect, it } from "vitest";
import { createSession } from "@useralign/core";
import { benchStep } from "./step-bench.js";

describe("benchStep", () => {
  it("prints SPEC's fields and a decision that a session on the same history agrees with", () => {
    const r = benchStep({ n: 15, d: 6, t: 8, reps: 3, warmup: 1 });
    for (const key of ["n", "d", "t", "solver", "reps", "median_ms", "min_ms", "max_ms", "parts", "rss_mb", "decision"]) {
      expect(r).toHaveProperty(key);
    }
    expect(r).toMatchObject({ n: 15, d: 6, t: 8, solver: "structured", reps: 3 });
    expect(r.min_ms).toBeLessThanOrEqual(r.median_ms);
    expect(r.median_ms).toBeLessThanOrEqual(r.max_ms);
    expect(r.history.method + r.history.random).toBe(8);
    expect(r.decision.first).toBeGreaterThanOrEqual(0);
  });

  it("gives the same decision with the general backend", () => {
    const a = benchStep({ n: 12, d: 4, t: 6, reps: 1, warmup: 0 });
    const b = benchStep({ n: 12, d: 4, t: 6, reps: 1, warmup: 0, backend: "general" });
    expect(b.solver).toBe("general");
    expect(b.decision.first).toBe(a.decision.first);
    expect(Math.abs(b.decision.bound - a.decision.bound)).toBeLessThan(1e-6);
  });

  it("rejects an unknown backend by name (also under the deprecated option name `solver`)", () => {
    expect(() => benchStep({ n: 5, d: 2, t: 1, backend: "nope" })).toThrow(/Unknown backend "nope"/);
    expect(() => benchStep({ n: 5, d: 2, t: 1, solver: "nope" })).toThrow(/Unknown backend "nope"/);
    expect(createSession).toBeTypeOf("function");
  });
});
