import { loadSolverRegistry, type SolverRegistry } from "@useralign/core";

// Resolved from the benchmark's own dependencies: add a backend package there to benchmark it.
const importPackage = (specifier: string): Promise<unknown> => import(specifier);

/**
 * The benchmark's registry: the core's backends plus every installed backend package (`"all"`), or
 * only the packages behind the names given. Unknown names throw `backend_not_found`.
 */
export function loadBenchRegistry(solvers: readonly string[] | "all" = "all"): Promise<SolverRegistry> {
  return loadSolverRegistry({ importPackage, solvers });
}
