import { describe, expect, it } from "vitest";
import { loadSolverRegistry } from "@useralign/core";

describe("solverPackage", () => {
  it("loadSolverRegistry finds conic and conic-ts by name through this package", async () => {
    const registry = await loadSolverRegistry({
      importPackage: async (specifier) => {
        expect(specifier).toBe("@useralign/solver-conic");
        return import("../src/index.js");
      },
      solvers: ["conic-ts"],
    });
    expect(registry.names()).toEqual(["structured", "general", "conic", "conic-ts"]);
    expect(registry.default().name).toBe("structured");
  });
});
