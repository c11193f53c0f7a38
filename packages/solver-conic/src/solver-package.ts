import type { SolverPackage, SolverRegistry } from "@useralign/core";
import { loadConicBackend } from "./conic-backend.js";

/**
 * Adds `conic` (WebAssembly kernels, priority −20) and `conic-ts` (TypeScript kernels, priority
 * −30) to `registry`: available by name, never the default. Explicit: importing registers nothing.
 */
export async function registerConic(registry: SolverRegistry): Promise<void> {
  registry.register(await loadConicBackend("wasm"), { priority: -20 });
  registry.register(await loadConicBackend("ts"), { priority: -30 });
}

/** This package for `loadSolverRegistry` of `@useralign/core` (the CLI's `--solver conic` and the benchmark). */
export const solverPackage: SolverPackage = { backends: ["conic", "conic-ts"], register: registerConic };
