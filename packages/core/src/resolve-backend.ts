import type { ConfidenceSetBackend } from "./backend.js";
import { UserAlignError } from "./errors.js";
import { createSolverRegistry, type SolverRegistry } from "./registry.js";

/** How a caller names the backend: `backend`, or its deprecated alias `solver`. */
export interface BackendChoice {
  /** A backend instance, or a name looked up in `registry`. @default the registry's default (`structured`) */
  backend?: string | ConfidenceSetBackend | undefined;
  /** @deprecated The old name of `backend`; still accepted. */
  solver?: string | ConfidenceSetBackend | undefined;
  /** Where names are looked up. @default createSolverRegistry() */
  registry?: SolverRegistry | undefined;
}

/**
 * The backend a caller chose, checked: an object must have a string `name` and a `maximize`
 * function, a name must be registered. Throws `invalid_input` for anything else (never a
 * TypeError), `backend_not_found` for an unknown name. `fallback` names the backend when the
 * caller named none (a snapshot's).
 */
export function resolveBackend(choice: BackendChoice, fallback?: string): ConfidenceSetBackend {
  const { backend, solver } = choice;
  if (backend !== undefined && solver !== undefined && backend !== solver) {
    throw new UserAlignError("invalid_input", "Pass the backend as `backend` (or the deprecated `solver`), not both.", [
      { path: ["solver"], message: "conflicts with backend" },
    ]);
  }
  const key = backend !== undefined ? "backend" : "solver";
  const chosen = backend ?? solver ?? fallback;
  if (chosen !== undefined && typeof chosen !== "string") {
    if (typeof chosen !== "object" || chosen === null || typeof chosen.maximize !== "function" || typeof chosen.name !== "string") {
      throw new UserAlignError(
        "invalid_input",
        `\`${key}\` must be a backend name or an object with a string \`name\` and a \`maximize\` function.`,
        [{ path: [key], message: "not a backend" }],
      );
    }
    return chosen;
  }
  const registry = choice.registry ?? createSolverRegistry();
  if (typeof registry !== "object" || registry === null || typeof registry.get !== "function" || typeof registry.default !== "function") {
    throw new UserAlignError("invalid_input", "`registry` must be a backend registry (see createSolverRegistry).", [
      { path: ["registry"], message: "not a registry" },
    ]);
  }
  return chosen === undefined ? registry.default() : registry.get(chosen);
}
