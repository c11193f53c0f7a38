import { KernelInputError } from "./kernel-error.js";
import { instantiateKernels, type CompiledKernels, type KernelExports } from "./wasm-module.js";

/** The instance a new batch lays its arrays out in, and whether that batch is still the newest. */
export interface InstanceLease {
  readonly wasm: KernelExports;
  readonly isCurrent: () => boolean;
}

/**
 * One kernel instance that the successive batches of a factory share. Instantiating per batch cost
 * about 20 µs plus fresh zeroed memory each time, more than all the kernel work of a tiny solve, and a
 * solve creates one batch per cone family. Every new batch lays its arrays out from the heap base
 * again, so it supersedes the one before; `isCurrent` lets the older one refuse to run.
 */
export function reusedInstance(module: CompiledKernels): () => InstanceLease {
  let wasm: KernelExports | undefined;
  let generation = 0;
  return () => {
    wasm ??= instantiateKernels(module);
    const mine = ++generation;
    return { wasm, isCurrent: () => mine === generation };
  };
}

/**
 * Wraps each method of `batch` so that calling it after a newer batch took the instance throws
 * instead of reading the newer batch's arrays. (A solve uses its batches only while it runs, and
 * solves on one engine run one at a time, so the solvers never hit this.)
 */
export function refuseWhenSuperseded<T extends object>(batch: T, isCurrent: () => boolean, what: string): T {
  const guarded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(batch)) {
    guarded[key] =
      typeof value === "function"
        ? (...args: unknown[]) => {
            if (!isCurrent())
              throw new KernelInputError(
                `this ${what} was superseded: its factory has created a newer batch on the same WebAssembly instance`,
              );
            return (value as (...a: unknown[]) => unknown)(...args);
          }
        : value;
  }
  return guarded as T;
}
