import { UserAlignError } from "./errors.js";
import { createSolverRegistry, type SolverRegistry } from "./registry.js";

/**
 * What a backend package exports as `solverPackage`: the backend names it provides and an
 * explicit `register` that adds them to a registry the caller owns (no side-effect imports, no
 * global map). `register` may be asynchronous (WebAssembly backends compile first).
 */
export interface SolverPackage {
  readonly backends: readonly string[];
  register(registry: SolverRegistry): void | Promise<void>;
}

/**
 * Backend names served by optional packages, and the package that serves each. An app lists the
 * packages it depends on; a name whose package is not installed is simply not available.
 */
export const SOLVER_PACKAGES: Readonly<Record<string, string>> = {
  highs: "@useralign/solver-highs",
  conic: "@useralign/solver-conic",
  "conic-ts": "@useralign/solver-conic",
};

/** Options of {@link loadSolverRegistry}. */
export interface LoadSolverRegistryOptions {
  /**
   * Imports a package by specifier. Pass `(s) => import(s)` from the app, so that packages resolve
   * from the app's own dependencies.
   */
  readonly importPackage: (specifier: string) => Promise<unknown>;
  /**
   * Backend names that must be available: their packages are loaded, and an unknown or
   * uninstalled name throws `backend_not_found` listing every installed backend. `"all"` loads
   * every installed package. @default [] (only the core's own backends)
   */
  readonly solvers?: readonly string[] | "all";
  /** Registry to add to. @default a new `createSolverRegistry()` */
  readonly registry?: SolverRegistry;
  /** Package table. @default SOLVER_PACKAGES */
  readonly packages?: Readonly<Record<string, string>>;
}

/**
 * A registry holding the core's backends plus those of the installed backend packages the caller
 * asks for: the composition root of the CLI and the benchmark.
 */
export async function loadSolverRegistry(options: LoadSolverRegistryOptions): Promise<SolverRegistry> {
  const registry = options.registry ?? createSolverRegistry();
  const packages = options.packages ?? SOLVER_PACKAGES;
  const loaded = new Set<string>();
  const load = async (specifier: string): Promise<boolean> => {
    if (loaded.has(specifier)) return true;
    let module: unknown;
    try {
      module = await options.importPackage(specifier);
    } catch (e) {
      if (isNotInstalled(e)) return false;
      throw e;
    }
    const pkg = (module as { solverPackage?: SolverPackage }).solverPackage;
    if (!pkg || typeof pkg.register !== "function" || !Array.isArray(pkg.backends)) {
      throw new UserAlignError("internal_error", `${specifier} does not export a \`solverPackage\` with \`backends\` and \`register\`.`);
    }
    await pkg.register(registry);
    loaded.add(specifier);
    return true;
  };
  const wanted = options.solvers ?? [];
  const names = wanted === "all" ? Object.keys(packages) : wanted;
  for (const name of names) {
    if (registry.has(name)) continue;
    const specifier = packages[name];
    if (specifier !== undefined && (await load(specifier))) continue;
    if (wanted === "all") continue;
    // Unknown or not installed: list everything that is installed, then let the registry throw.
    for (const other of new Set(Object.values(packages))) await load(other);
    if (!registry.has(name)) {
      const installed = registry.names();
      const hint = specifier === undefined ? "" : ` (it comes with ${specifier}, which is not installed)`;
      throw new UserAlignError("backend_not_found", `Unknown solver backend "${name}"${hint}. Installed: ${installed.join(", ")}.`, [
        { path: ["solver"], message: `not one of: ${installed.join(", ")}` },
      ]);
    }
  }
  return registry;
}

// Node: ERR_MODULE_NOT_FOUND; bundlers and browsers: a "Cannot find module/package" message.
function isNotInstalled(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return true;
  const message = e instanceof Error ? e.message : String(e);
  return /Cannot find (module|package)|Failed to resolve module/i.test(message);
}
