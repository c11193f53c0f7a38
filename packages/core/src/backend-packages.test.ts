import { describe, expect, it } from "vitest";
import { isUserAlignError } from "./errors.js";
import { loadBackendRegistry, loadSolverRegistry, type BackendPackage } from "./backend-packages.js";
import type { ConfidenceSetBackend } from "./backend.js";

const fake = (name: string): ConfidenceSetBackend => ({
  name,
  description: "test",
  maximize: () => ({ values: new Float64Array(0), exact: new Uint8Array(0), best: -1, solves: 0 }),
});

const packages = { alpha: "pkg-alpha", beta: "pkg-beta", gamma: "pkg-missing", delta: "pkg-old" };
function importer(log: string[]) {
  const modules: Record<string, { backendPackage?: BackendPackage; solverPackage?: BackendPackage }> = {
    "pkg-alpha": { backendPackage: { backends: ["alpha"], register: (r) => void r.register(fake("alpha")) } },
    "pkg-beta": { backendPackage: { backends: ["beta"], register: async (r) => void r.register(fake("beta"), { priority: -1 }) } },
    // Built before the rename: still exports `solverPackage`.
    "pkg-old": { solverPackage: { backends: ["delta"], register: (r) => void r.register(fake("delta"), { priority: -2 }) } },
  };
  return async (specifier: string) => {
    log.push(specifier);
    const m = modules[specifier];
    if (!m) throw Object.assign(new Error(`Cannot find package '${specifier}'`), { code: "ERR_MODULE_NOT_FOUND" });
    return m;
  };
}

describe("loadBackendRegistry", () => {
  it("loads only the package behind the requested name, and nothing for a builtin", async () => {
    const log: string[] = [];
    const r = await loadBackendRegistry({ importPackage: importer(log), packages, backends: ["alpha"] });
    expect(r.names()).toEqual(["structured", "general", "alpha"]);
    expect(log).toEqual(["pkg-alpha"]);
    const log2: string[] = [];
    await loadBackendRegistry({ importPackage: importer(log2), packages, backends: ["general"] });
    expect(log2).toEqual([]);
  });

  it("'all' loads every installed package (old `solverPackage` exports included) and skips missing ones", async () => {
    const r = await loadBackendRegistry({ importPackage: importer([]), packages, backends: "all" });
    expect(r.names()).toEqual(["structured", "general", "alpha", "beta", "delta"]);
  });

  it("an unknown name lists every installed backend, including those of packages", async () => {
    const err = await loadBackendRegistry({ importPackage: importer([]), packages, backends: ["clarabel"] }).catch((e) => e);
    expect(isUserAlignError(err, "backend_not_found")).toBe(true);
    expect(err.message).toBe('Unknown backend "clarabel". Installed: structured, general, alpha, beta, delta.');
    expect(err.issues).toEqual([{ path: ["backend"], message: "not one of: structured, general, alpha, beta, delta" }]);
  });

  it("a known name whose package is missing says which package to install", async () => {
    const err = await loadBackendRegistry({ importPackage: importer([]), packages, backends: ["gamma"] }).catch((e) => e);
    expect(err.message).toBe(
      'Unknown backend "gamma" (it comes with pkg-missing, which is not installed). Installed: structured, general, alpha, beta, delta.',
    );
  });

  it("core names no package: a name the app's table lacks is unknown even if some package serves it", async () => {
    const err = await loadBackendRegistry({ importPackage: importer([]), packages: {}, backends: ["alpha"] }).catch((e) => e);
    expect(err.message).toBe('Unknown backend "alpha". Installed: structured, general.');
  });

  it("a package that exports no backendPackage is an internal_error naming it", async () => {
    const err = await loadBackendRegistry({ importPackage: async () => ({}), packages, backends: ["alpha"] }).catch((e) => e);
    expect(isUserAlignError(err, "internal_error")).toBe(true);
    expect(err.message).toBe("pkg-alpha does not export a `backendPackage` with `backends` and `register`.");
  });

  it("a package that fails to load for another reason is an error, not a missing package", async () => {
    const err = await loadBackendRegistry({
      importPackage: async () => {
        throw new Error("boom");
      },
      packages,
      backends: ["alpha"],
    }).catch((e) => e);
    expect(err.message).toBe("boom");
  });

  it("the deprecated loadSolverRegistry maps `solvers` to `backends`", async () => {
    const r = await loadSolverRegistry({ importPackage: importer([]), packages, solvers: ["beta"] });
    expect(r.names()).toEqual(["structured", "general", "beta"]);
    const builtinsOnly = await loadSolverRegistry({ importPackage: importer([]), solvers: "all" });
    expect(builtinsOnly.names()).toEqual(["structured", "general"]);
  });
});
