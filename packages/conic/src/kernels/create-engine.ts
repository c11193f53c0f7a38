import type { KernelKind, LdlEngine } from "./kernel.js";
import { KernelInputError } from "./kernel-error.js";
import { createTsLdlEngine } from "./ts-engine.js";
import { createWasmLdlEngine } from "./wasm-engine.js";
import { compileKernels, type CompiledKernels } from "./wasm-module.js";

/** Options of `createLdlEngine`. */
export interface CreateEngineOptions {
  /**
   * An already compiled kernel module (from `compileKernels()`), to skip compiling again when
   * creating many wasm engines. Ignored for `ts`.
   * @default undefined (compile the embedded bytes)
   */
  readonly compiled?: CompiledKernels;
}

/**
 * Creates an LDLᵀ engine of the given kind. Async because the WebAssembly module is compiled from
 * bytes embedded in the package (no network, no file system). Each wasm engine has its own memory.
 */
export async function createLdlEngine(kind: KernelKind, options: CreateEngineOptions = {}): Promise<LdlEngine> {
  if (kind === "ts") return createTsLdlEngine();
  if (kind === "wasm") return createWasmLdlEngine(options.compiled ?? (await compileKernels()));
  throw new KernelInputError(`unknown kernel kind "${String(kind)}" (expected "ts" or "wasm")`, ["kind"]);
}
