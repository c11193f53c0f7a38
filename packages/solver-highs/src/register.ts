import type { SolverPackage, SolverRegistry } from "@useralign/core";
import { createHighsBackend, type HighsBackend, type HighsBackendOptions } from "./highs-backend.js";

/**
 * Adds the `highs` backend to `registry` (priority −10: available by name, never the default) and
 * returns it. Explicit: importing this package registers nothing.
 *
 * ```ts
 * const registry = createSolverRegistry();
 * await registerHighs(registry);
 * createSession({ features, solver: "highs", registry });
 * ```
 */
export async function registerHighs(registry: SolverRegistry, options: HighsBackendOptions & { priority?: number } = {}): Promise<HighsBackend> {
  const { priority = -10, ...rest } = options;
  const backend = await createHighsBackend(rest);
  registry.register(backend, { priority });
  return backend;
}

/** This package for `loadSolverRegistry` of `@useralign/core` (the CLI and the benchmark use it). */
export const solverPackage: SolverPackage = {
  backends: ["highs"],
  register: async (registry) => {
    await registerHighs(registry);
  },
};
