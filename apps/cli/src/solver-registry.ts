import { loadSolverRegistry, type SolverRegistry } from "@useralign/core";

// Resolved from the CLI's own dependencies: a backend package the CLI depends on is available by
// name (`--solver highs`); one it does not is reported as not installed.
const importPackage = (specifier: string): Promise<unknown> => import(specifier);

/**
 * The registry for `--solver NAME`: the core's backends plus the package serving NAME. Throws
 * `backend_not_found` (listing every installed backend) for a name nothing provides.
 */
export function solverRegistry(solver: string | undefined): Promise<SolverRegistry> {
  return loadSolverRegistry({ importPackage, solvers: solver === undefined ? [] : [solver] });
}
