import type { KernelKind, LdlEngine } from "./kernel.js";
import { KernelInputError } from "./kernel-error.js";
import { createTsLdlEngine } from "./ts-engine.js";

/**
 * Creates an LDLᵀ engine of the given kind. Async because the WebAssembly module is compiled and
 * instantiated on first use (from bytes embedded in the package: no network, no file system).
 */
export async function createLdlEngine(kind: KernelKind): Promise<LdlEngine> {
  if (kind === "ts") return createTsLdlEngine();
  throw new KernelInputError(`kernel kind "${String(kind)}" is not available yet`, ["kind"]);
}
