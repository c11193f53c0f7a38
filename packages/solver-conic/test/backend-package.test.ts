import { describe, expect, it } from "vitest";
import { loadBackendRegistry } from "@useralign/core";

describe("backendPackage", () => {
  it("loadBackendRegistry finds conic and conic-ts by name through this package", async () => {
    const registry = await loadBackendRegistry({
      importPackage: async (specifier) => {
        expect(specifier).toBe("@useralign/solver-conic");
        return import("../src/index.js");
      },
      packages: { conic: "@useralign/solver-conic", "conic-ts": "@useralign/solver-conic" },
      backends: ["conic-ts"],
    });
    expect(registry.names()).toEqual(["structured", "general", "conic", "conic-ts"]);
    expect(registry.default().name).toBe("structured");
  });
});
