import type { BackendPackage, BackendRegistry } from "@useralign/core/backend";
import { loadConicBackend } from "./conic-backend.js";

/**
 * Adds `conic` (WebAssembly kernels, priority −20) and `conic-ts` (TypeScript kernels, priority
 * −30) to `registry`: available by name, never the default. Explicit: importing registers nothing.
 */
export async function registerConic(registry: BackendRegistry): Promise<void> {
  registry.register(await loadConicBackend("wasm"), { priority: -20 });
  registry.register(await loadConicBackend("ts"), { priority: -30 });
}

/** This package for `loadBackendRegistry` of `@useralign/core` (the CLI's `--backend conic` and the benchmark). */
export const backendPackage: BackendPackage = { backends: ["conic", "conic-ts"], register: registerConic };

/** @deprecated Renamed {@link backendPackage}; this alias goes away in the next minor release. */
export const solverPackage: BackendPackage = backendPackage;
