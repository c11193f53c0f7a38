import { UserAlignError } from "./errors.js";
import { backendNotFound, createBackendRegistry, type BackendRegistry } from "./registry.js";

/**
 * What a backend package exports as `backendPackage`: the backend names it provides and an
 * explicit `register` that adds them to a registry the caller owns (no side-effect imports, no
 * global map). `register` may be asynchronous (WebAssembly backends compile first).
 */
export interface BackendPackage {
  readonly backends: readonly string[];
  register(registry: BackendRegistry): void | Promise<void>;
}

/** Options of {@link loadBackendRegistry}. */
export interface LoadBackendRegistryOptions {
  /**
   * Imports a package by specifier. Pass `(s) => import(s)` from the app, so that packages resolve
   * from the app's own dependencies.
   */
  readonly importPackage: (specifier: string) => Promise<unknown>;
  /**
   * Backend name → the package that serves it, owned by the app (the composition root): core names
   * no package. A name whose package is not installed is simply not available.
   */
  readonly packages: Readonly<Record<string, string>>;
  /**
   * Backend names that must be available: their packages are loaded, and an unknown or
   * uninstalled name throws `backend_not_found` listing every installed backend. `"all"` loads
   * every installed package. @default [] (only the core's own backends)
   */
  readonly backends?: readonly string[] | "all";
  /** Registry to add to. @default a new `createBackendRegistry()` */
  readonly registry?: BackendRegistry;
}

/**
 * A registry holding the core's backends plus those of the installed backend packages the caller
 * asks for: the composition root of the CLI and the benchmark.
 *
 * @example
 * const registry = await loadBackendRegistry({
 *   importPackage: (s) => import(s),
 *   packages: { highs: "@useralign/solver-highs" },
 *   backends: ["highs"],
 * });
 * createSession({ features, backend: "highs", registry });
 */
export async function loadBackendRegistry(options: LoadBackendRegistryOptions): Promise<BackendRegistry> {
  const registry = options.registry ?? createBackendRegistry();
  const { packages } = options;
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
    await packageOf(module, specifier).register(registry);
    loaded.add(specifier);
    return true;
  };
  const wanted = options.backends ?? [];
  const names = wanted === "all" ? Object.keys(packages) : wanted;
  for (const name of names) {
    if (registry.has(name)) continue;
    const specifier = packages[name];
    if (specifier !== undefined && (await load(specifier))) continue;
    if (wanted === "all") continue;
    // Unknown or not installed: list everything that is installed, then let the registry throw.
    for (const other of new Set(Object.values(packages))) await load(other);
    if (!registry.has(name)) {
      const hint = specifier === undefined ? "" : ` (it comes with ${specifier}, which is not installed)`;
      throw backendNotFound(name, registry.names(), hint);
    }
  }
  return registry;
}

// Packages built before the rename export `solverPackage`; accept it for one release.
function packageOf(module: unknown, specifier: string): BackendPackage {
  const exports = module as { backendPackage?: BackendPackage; solverPackage?: BackendPackage };
  const pkg = exports.backendPackage ?? exports.solverPackage;
  if (!pkg || typeof pkg.register !== "function" || !Array.isArray(pkg.backends)) {
    throw new UserAlignError("internal_error", `${specifier} does not export a \`backendPackage\` with \`backends\` and \`register\`.`);
  }
  return pkg;
}

// Node: ERR_MODULE_NOT_FOUND; bundlers and browsers: a "Cannot find module/package" message.
function isNotInstalled(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return true;
  const message = e instanceof Error ? e.message : String(e);
  return /Cannot find (module|package)|Failed to resolve module/i.test(message);
}

/** @deprecated Renamed {@link BackendPackage}; this alias goes away in the next minor release. */
export type SolverPackage = BackendPackage;

/**
 * @deprecated Renamed {@link LoadBackendRegistryOptions} (`solvers` is now `backends`, and
 * `packages` is required: core no longer names downstream packages); goes away in the next minor release.
 */
export interface LoadSolverRegistryOptions extends Omit<LoadBackendRegistryOptions, "packages" | "backends"> {
  readonly solvers?: readonly string[] | "all";
  readonly packages?: Readonly<Record<string, string>>;
}

/**
 * @deprecated Renamed {@link loadBackendRegistry}. Without `packages` only the core's own backends
 * are available (core no longer names downstream packages). Goes away in the next minor release.
 */
export function loadSolverRegistry(options: LoadSolverRegistryOptions): Promise<BackendRegistry> {
  const { solvers, packages = {}, ...rest } = options;
  return loadBackendRegistry({ ...rest, packages, ...(solvers === undefined ? {} : { backends: solvers }) });
}
