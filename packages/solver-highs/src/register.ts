import type { BackendPackage, BackendRegistry } from "@useralign/core/backend";
import { createHighsBackend, type HighsBackend, type HighsBackendOptions } from "./highs-backend.js";

/**
 * Adds the `highs` backend to `registry` (priority −10: available by name, never the default) and
 * returns it. Explicit: importing this package registers nothing.
 *
 * ```ts
 * const registry = createBackendRegistry();
 * await registerHighs(registry);
 * createSession({ features, backend: "highs", registry });
 * ```
 */
export async function registerHighs(
  registry: BackendRegistry,
  options: HighsBackendOptions & { priority?: number } = {},
): Promise<HighsBackend> {
  const { priority = -10, ...rest } = options;
  const backend = await createHighsBackend(rest);
  registry.register(backend, { priority });
  return backend;
}

/** This package for `loadBackendRegistry` of `@useralign/core` (the CLI and the benchmark use it). */
export const backendPackage: BackendPackage = {
  backends: ["highs"],
  register: async (registry) => {
    await registerHighs(registry);
  },
};

/** @deprecated Renamed {@link backendPackage}; this alias goes away in the next minor release. */
export const solverPackage: BackendPackage = backendPackage;
