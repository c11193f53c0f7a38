import { describe, expect, it } from "vitest";
import { createBackendRegistry, createSolverRegistry } from "./registry.js";
import type { ConfidenceSetBackend } from "./backend.js";
import { isUserAlignError } from "./errors.js";

const fake = (name: string): ConfidenceSetBackend => ({
  name,
  description: "test",
  maximize: () => ({ values: new Float64Array(0), exact: new Uint8Array(0), best: -1, solves: 0 }),
});

describe("backend registry", () => {
  it("holds structured (default) and general, highest priority first", () => {
    const r = createBackendRegistry();
    expect(r.names()).toEqual(["structured", "general"]);
    expect(r.default().name).toBe("structured");
  });

  it("registers by name with a priority, and replaces a backend of the same name", () => {
    const r = createBackendRegistry();
    r.register(fake("highs"), { priority: 200 });
    expect(r.default().name).toBe("highs");
    r.register(fake("highs"), { priority: 10 });
    expect(r.names()).toEqual(["structured", "highs", "general"]);
    expect(r.has("highs")).toBe(true);
  });

  it("names the installed backends when a name is unknown", () => {
    expect(() => createBackendRegistry().get("clarabel")).toThrow('Unknown backend "clarabel". Installed: structured, general.');
  });

  it("an empty registry has no default", () => {
    const r = createBackendRegistry({ builtins: false });
    expect(r.names()).toEqual([]);
    const err = (() => {
      try {
        r.default();
      } catch (e) {
        return e;
      }
    })();
    expect(isUserAlignError(err, "backend_not_found")).toBe(true);
    expect((err as Error).message).toBe("No backend is registered.");
  });

  it("the deprecated createSolverRegistry is the same function", () => {
    expect(createSolverRegistry).toBe(createBackendRegistry);
  });
});
