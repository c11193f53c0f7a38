import { describe, expect, it } from "vitest";
import { createSolverRegistry } from "./registry.js";
import type { ConfidenceSetBackend } from "./backend.js";

const fake = (name: string): ConfidenceSetBackend => ({
  name,
  description: "test",
  maximize: () => ({ values: new Float64Array(0), exact: new Uint8Array(0), best: -1, solves: 0 }),
});

describe("solver registry", () => {
  it("holds structured (default) and general, highest priority first", () => {
    const r = createSolverRegistry();
    expect(r.names()).toEqual(["structured", "general"]);
    expect(r.default().name).toBe("structured");
  });

  it("registers by name with a priority, and replaces a backend of the same name", () => {
    const r = createSolverRegistry();
    r.register(fake("highs"), { priority: 200 });
    expect(r.default().name).toBe("highs");
    r.register(fake("highs"), { priority: 10 });
    expect(r.names()).toEqual(["structured", "highs", "general"]);
    expect(r.has("highs")).toBe(true);
  });

  it("names the installed backends when a name is unknown", () => {
    expect(() => createSolverRegistry().get("clarabel")).toThrow('Unknown solver backend "clarabel". Installed: structured, general.');
  });
});
