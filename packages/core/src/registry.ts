import type { ConfidenceSetBackend } from "./backend.js";
import { createGeneralBackend } from "./backends/general.js";
import { createStructuredBackend } from "./backends/structured.js";
import { UserAlignError } from "./errors.js";

/** Backends by name; the highest priority one is the default. */
export interface SolverRegistry {
  /** Adds (or replaces) a backend under its name. */
  register(backend: ConfidenceSetBackend, options?: { priority?: number }): SolverRegistry;
  /** The backend called `name`; throws `backend_not_found` listing what is installed. */
  get(name: string): ConfidenceSetBackend;
  /** The highest-priority backend. */
  default(): ConfidenceSetBackend;
  /** Installed backend names, highest priority first. */
  names(): string[];
  has(name: string): boolean;
}

/**
 * A new registry holding the core's own backends: `structured` (the default, priority 100) and
 * `general` (priority 0). Other packages export a backend factory; register it here. There is no
 * global registry: pass the one you build to the session options.
 */
export function createSolverRegistry(options: { builtins?: boolean } = {}): SolverRegistry {
  const entries = new Map<string, { backend: ConfidenceSetBackend; priority: number; order: number }>();
  let order = 0;
  const sorted = () => [...entries.values()].sort((a, b) => b.priority - a.priority || a.order - b.order);
  const registry: SolverRegistry = {
    register(backend, opts = {}) {
      entries.set(backend.name, { backend, priority: opts.priority ?? 0, order: order++ });
      return registry;
    },
    get(name) {
      const entry = entries.get(name);
      if (!entry) {
        const installed = registry.names();
        throw new UserAlignError(
          "backend_not_found",
          `Unknown solver backend "${name}". Installed: ${installed.length ? installed.join(", ") : "(none)"}.`,
          [{ path: ["solver"], message: `not one of: ${installed.join(", ")}` }],
        );
      }
      return entry.backend;
    },
    default() {
      const first = sorted()[0];
      if (!first) throw new UserAlignError("backend_not_found", "No solver backend is registered.");
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
