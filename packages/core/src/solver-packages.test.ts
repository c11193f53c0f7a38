import { describe, expect, it } from "vitest";
import { isUserAlignError } from "./errors.js";
import { loadSolverRegistry, type SolverPackage } from "./solver-packages.js";
import type { ConfidenceSetBackend } from "./backend.js";

const fake = (name: string): ConfidenceSetBackend => ({
  name,
  description: "test",
  maximize: () => ({ values: new Float64Array(0), exact: new Uint8Array(0), best: -1, solves: 0 }),
});

const packages = { alpha: "pkg-alpha", beta: "pkg-beta", gamma: "pkg-missing" };
function importer(log: string[]) {
  const modules: Record<string, { solverPackage: SolverPackage }> = {
    "pkg-alpha": { solverPackage: { backends: ["alpha"], register: (r) => void r.register(fake("alpha")) } },
    "pkg-beta": { solverPackage: { backends: ["beta"], register: async (r) => void r.register(fake("beta"), { priority: -1 }) } },
  };
  return async (specifier: string) => {
    log.push(specifier);
    const m = modules[specifier];
    if (!m) throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: "ERR_MODULE_NOT_FOUND" });
    return m;
  };
}

describe("loadSolverRegistry", () => {
  it("loads only the package behind the requested name, and nothing for a builtin", async () => {
    const log: string[] = [];
    const r = await loadSolverRegistry({ importPackage: importer(log), packages, solvers: ["alpha"] });
    expect(r.names()).toEqual(["structured", "general", "alpha"]);
    expect(log).toEqual(["pkg-alpha"]);
    const log2: string[] = [];
    await loadSolverRegistry({ importPackage: importer(log2), packages, solvers: ["general"] });
    expect(log2).toEqual([]);
  });

  it("'all' loads every installed package and skips missing ones", async () => {
    const r = await loadSolverRegistry({ importPackage: importer([]), packages, solvers: "all" });
    expect(r.names()).toEqual(["structured", "general", "alpha", "beta"]);
  });

  it("an unknown name lists every installed backend, including those of packages", async () => {
    const err = await loadSolverRegistry({ importPackage: importer([]), packages, solvers: ["clarabel"] }).catch((e) => e);
    expect(isUserAlignError(err, "backend_not_found")).toBe(true);
    expect(err.message).toBe('Unknown solver backend "clarabel". Installed: structured, general, alpha, beta.');
  });

  it("a known name whose package is missing says which package to install", async () => {
    const err = await loadSolverRegistry({ importPackage: importer([]), packages, solvers: ["gamma"] }).catch((e) => e);
    expect(err.message).toBe('Unknown solver backend "gamma" (it comes with pkg-missing, which is not installed). Installed: structured, general, alpha, beta.');
  });

  it("a package that fails to load for another reason is an error, not a missing package", async () => {
    const err = await loadSolverRegistry({
      importPackage: async () => {
        throw new Error("boom");
      },
      packages,
      solvers: ["alpha"],
    }).catch((e) => e);
    expect(err.message).toBe("boom");
  });
});
