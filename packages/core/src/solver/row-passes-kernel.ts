import type { FillRow, RowPassSums } from "./row-passes.js";
import { rowPassesWasmHex } from "./row-passes-wasm.js";

// The ES2022 library has no WebAssembly types and the core builds with no DOM or Node types:
// declare the little used here.
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: unknown };
  Memory: new (size: { initial: number }) => WasmMemory;
}
interface RowPassExports {
  passiveRowPasses(
    p: number,
    n: number,
    factor: number,
    b: number,
    y: number,
    x: number,
    beta: number,
    betaAbs: number,
    xx: number,
    ww: number,
  ): void;
}
interface Kernel {
  readonly memory: WasmMemory;
  readonly exports: RowPassExports;
}

/** Largest memory the kernel may get; larger passes run in TypeScript. */
const MAX_KERNEL_BYTES = 256 * 1024 * 1024;
const PAGE = 65536;

let compiled: { api: WasmApi; module: object } | null | undefined;
let kernel: Kernel | null = null;

/**
 * An instance of the kernel with at least `bytes` of memory; null where WebAssembly or its SIMD
 * is missing or a Content-Security-Policy forbids compiling (the TypeScript route then runs).
 * Compiled synchronously (the module is ~1.2 KB, under the 4 KB browsers allow on the main
 * thread). A larger pass gets a new instance on a new, larger memory rather than growing the old
 * one: growing detaches the old ArrayBuffer, and after the first detach V8 makes every typed-array
 * access in the process check for it (measured: the whole N = 40 step ~25% slower).
 */
function instance(bytes: number): Kernel | null {
  if (compiled === undefined) {
    compiled = null;
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    try {
      const code = new Uint8Array(rowPassesWasmHex.length / 2);
      for (let i = 0; i < code.length; i++) code[i] = Number.parseInt(rowPassesWasmHex.slice(2 * i, 2 * i + 2), 16);
      if (api) compiled = { api, module: new api.Module(code) };
    } catch {
      compiled = null;
    }
  }
  if (!compiled) return null;
  if (kernel && kernel.memory.buffer.byteLength >= bytes) return kernel;
  // Doubling keeps the number of instances (and dropped memories) logarithmic in the largest pass.
  const pages = Math.max(Math.ceil(bytes / PAGE), 2 * Math.ceil((kernel?.memory.buffer.byteLength ?? 0) / PAGE), 16);
  try {
    const memory = new compiled.api.Memory({ initial: Math.min(pages, MAX_KERNEL_BYTES / PAGE) });
    const made = new compiled.api.Instance(compiled.module, { env: { memory } });
    kernel = { memory, exports: made.exports as RowPassExports };
    return kernel;
  } catch {
    // Out of memory for a new instance: this pass runs in TypeScript.
    return null;
  }
}

/**
 * The row passes of {@link rowPasses} in the WebAssembly SIMD kernel (two candidates per
 * instruction; rows padded to an even length with zeros, which stay zero through every pass).
 * Null when the kernel is unavailable or the pass would need more than {@link MAX_KERNEL_BYTES}.
 */
export function rowPassesWasm(p: number, n: number, factor: Float64Array, fill: FillRow): RowPassSums | null {
  if (p === 0) return null;
  const width = n + (n & 1);
  const rowBytes = width * 8;
  const factorAt = 0;
  const bAt = p * p * 8;
  const yAt = bAt + p * rowBytes;
  const xAt = yAt + p * rowBytes;
  const sumsAt = xAt + p * rowBytes;
  const need = sumsAt + 4 * rowBytes;
  if (need > MAX_KERNEL_BYTES) return null;
  const wasm = instance(need);
  if (!wasm) return null;
  const heap = new Float64Array(wasm.memory.buffer);
  heap.set(factor.subarray(0, p * p), factorAt / 8);
  for (let i = 0; i < p; i++) {
    const row = heap.subarray(bAt / 8 + i * width, bAt / 8 + (i + 1) * width);
    fill(i, row.subarray(0, n));
    if (width > n) row[n] = 0;
  }
  wasm.exports.passiveRowPasses(p, width, factorAt, bAt, yAt, xAt, sumsAt, sumsAt + rowBytes, sumsAt + 2 * rowBytes, sumsAt + 3 * rowBytes);
  const sum = (k: number) => heap.slice(sumsAt / 8 + k * width, sumsAt / 8 + k * width + n);
  return { beta: sum(0), betaAbs: sum(1), xx: sum(2), ww: sum(3) };
}
