import { loadBackendRegistry, type BackendRegistry } from "@useralign/core";
import { UsageError } from "./usage-error.js";

/**
 * Backend name → the package serving it, for the packages the CLI depends on: the CLI is the
 * composition root, so it (not core) names them. A name whose package is missing from an install
 * is reported as not installed.
 */
export const CLI_BACKEND_PACKAGES: Readonly<Record<string, string>> = {
  highs: "@useralign/solver-highs",
  conic: "@useralign/solver-conic",
  "conic-ts": "@useralign/solver-conic",
};

// Resolved from the CLI's own dependencies.
const importPackage = (specifier: string): Promise<unknown> => import(specifier);

/**
 * The registry for `--backend NAME`: the core's backends plus the package serving NAME. Throws
 * `backend_not_found` (listing every installed backend) for a name nothing provides.
 */
export function backendRegistry(name: string | undefined): Promise<BackendRegistry> {
  return loadBackendRegistry({ importPackage, packages: CLI_BACKEND_PACKAGES, backends: name === undefined ? [] : [name] });
}

/**
 * The `parseArgs` options of `--backend NAME` and its alias `--solver NAME` (SPEC's contract for
 * `bench step` names `--solver`, so it stays accepted on every command that takes a backend).
 */
export const BACKEND_FLAGS = {
  backend: { type: "string" },
  solver: { type: "string" },
} as const;

/** The usage line of `--backend` (commands align their option columns themselves). */
export const BACKEND_HELP = "confidence-set backend: structured (default), general, highs, conic, conic-ts (alias: --solver)";

/** The backend a command was asked for, from `--backend` or its alias `--solver`; they must agree. */
export function backendFlag(command: string, flags: { backend?: string | undefined; solver?: string | undefined }): string | undefined {
  const { backend, solver } = flags;
  if (backend !== undefined && solver !== undefined && backend !== solver) {
    throw new UsageError(`--backend ${backend} and --solver ${solver} disagree; --solver is an alias of --backend, give one.`, command);
  }
  return backend ?? solver;
}
