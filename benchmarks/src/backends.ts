import { loadBackendRegistry, type BackendRegistry } from "@useralign/core";

/**
 * Backend name → package, for the backend packages the benchmark depends on: the benchmark is a
 * composition root, so it (not core) names them. Add a package here and to package.json to
 * benchmark its backends.
 */
export const BENCH_BACKEND_PACKAGES: Readonly<Record<string, string>> = {
  highs: "@useralign/solver-highs",
  conic: "@useralign/solver-conic",
  "conic-ts": "@useralign/solver-conic",
};

// Resolved from the benchmark's own dependencies.
const importPackage = (specifier: string): Promise<unknown> => import(specifier);

/**
 * The benchmark's registry: the core's backends plus every installed backend package (`"all"`), or
 * only the packages behind the names given. Unknown names throw `backend_not_found`.
 */
export function loadBenchRegistry(backends: readonly string[] | "all" = "all"): Promise<BackendRegistry> {
  return loadBackendRegistry({ importPackage, packages: BENCH_BACKEND_PACKAGES, backends });
}
