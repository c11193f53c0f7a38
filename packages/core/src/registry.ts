import type { ConfidenceSetBackend } from "./backend.js";
import { createGeneralBackend } from "./backends/general.js";
import { createStructuredBackend } from "./backends/structured.js";
import { UserAlignError } from "./errors.js";

/** Backends by name; the highest priority one is the default. */
export interface BackendRegistry {
  /** Adds (or replaces) a backend under its name. */
  register(backend: ConfidenceSetBackend, options?: { priority?: number }): BackendRegistry;
  /** The backend called `name`; throws `backend_not_found` listing what is installed. */
  get(name: string): ConfidenceSetBackend;
  /** The highest-priority backend. */
  default(): ConfidenceSetBackend;
  /** Installed backend names, highest priority first. */
  names(): string[];
  /** Whether a backend called `name` is registered. */
  has(name: string): boolean;
}

/** Options of {@link createBackendRegistry}. */
export interface BackendRegistryOptions {
  /** Register the core's own backends `structured` and `general`. @default true */
  readonly builtins?: boolean;
}

/**
 * A new registry holding the core's own backends: `structured` (the default, priority 100) and
 * `general` (priority 0). Other packages export a backend factory; register it here. There is no
 * global registry: pass the one you build to the session options.
 *
 * @example
 * const registry = createBackendRegistry();
 * registry.names(); // ["structured", "general"]
 */
export function createBackendRegistry(options: BackendRegistryOptions = {}): BackendRegistry {
  const entries = new Map<string, { backend: ConfidenceSetBackend; priority: number; order: number }>();
  let order = 0;
  const sorted = () => [...entries.values()].sort((a, b) => b.priority - a.priority || a.order - b.order);
  const registry: BackendRegistry = {
    register(backend, opts = {}) {
      entries.set(backend.name, { backend, priority: opts.priority ?? 0, order: order++ });
      return registry;
    },
    get(name) {
      const entry = entries.get(name);
      if (!entry) throw backendNotFound(name, registry.names());
      return entry.backend;
    },
    default() {
      const first = sorted()[0];
      if (!first) throw new UserAlignError("backend_not_found", "No backend is registered.");
      return first.backend;
    },
    names: () => sorted().map((e) => e.backend.name),
    has: (name) => entries.has(name),
  };
  if (options.builtins !== false) {
    registry.register(createStructuredBackend(), { priority: 100 });
    registry.register(createGeneralBackend(), { priority: 0 });
  }
  return registry;
}

/**
 * The `backend_not_found` error for `name`, listing the `installed` names; `hint` follows the name
 * (e.g. which package would provide it).
 */
export function backendNotFound(name: string, installed: readonly string[], hint = ""): UserAlignError {
  const list = installed.length ? installed.join(", ") : "(none)";
  return new UserAlignError("backend_not_found", `Unknown backend "${name}"${hint}. Installed: ${list}.`, [
    { path: ["backend"], message: `not one of: ${list}` },
  ]);
}

/** @deprecated Renamed {@link BackendRegistry}; this alias goes away in the next minor release. */
export type SolverRegistry = BackendRegistry;

/** @deprecated Renamed {@link createBackendRegistry}; this alias goes away in the next minor release. */
export const createSolverRegistry: (options?: BackendRegistryOptions) => BackendRegistry = createBackendRegistry;
