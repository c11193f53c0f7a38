import { decodeBase64 } from "./base64.js";
import { kernelsWasmBase64 } from "./wasm-binary.js";

// The ES2022 library has no WebAssembly types and the build uses no DOM/Node types; declare the
// little this package uses (module-scoped, so it shadows rather than clashes with @types/node).
declare const WebAssembly: {
  compile(bytes: Uint8Array): Promise<CompiledKernels>;
  Instance: new (module: CompiledKernels, imports: object) => { readonly exports: unknown };
};

/** The compiled (not yet instantiated) WebAssembly kernel module. Opaque. */
export interface CompiledKernels {
  readonly __compiledKernels?: never;
}

/** The exports of one instance of `assembly/index.ts`; pointers are byte addresses. */
export interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  heapBase(): number;
  ldlFactor(
    n: number,
    colPtr: number,
    rowIdx: number,
    values: number,
    parent: number,
    signs: number,
    dynamicEps: number,
    dynamicDelta: number,
    lColPtr: number,
    lRowIdx: number,
    lValues: number,
    diagonal: number,
    diagonalInverse: number,
    y: number,
    pattern: number,
    path: number,
    mark: number,
    next: number,
  ): number;
  ldlSolve(
    n: number,
    perm: number,
    lColPtr: number,
    lRowIdx: number,
    lValues: number,
    diagonalInverse: number,
    rhs: number,
    work: number,
  ): void;
  // Batched symmetric-cone operations (assembly/cones.ts); `blocks` holds (kind, start, dim, hessianOffset) per block.
  coneUpdateScaling(count: number, blocks: number, s: number, z: number, w: number, lambda: number, eta: number): number;
  coneWriteHessian(count: number, blocks: number, w: number, eta: number, out: number): void;
  coneMultiplyHessian(count: number, blocks: number, w: number, eta: number, v: number, out: number): void;
  coneAffineDs(count: number, blocks: number, lambda: number, ds: number): void;
  coneCombinedDsShift(
    count: number,
    blocks: number,
    w: number,
    eta: number,
    ds: number,
    dzAffine: number,
    dsAffine: number,
    sigmaMu: number,
    a: number,
    b: number,
  ): void;
  coneDeltaSOffset(
    count: number,
    blocks: number,
    w: number,
    eta: number,
    lambda: number,
    ds: number,
    out: number,
    x: number,
    y: number,
  ): void;
  coneStepLength(count: number, blocks: number, dz: number, ds: number, z: number, s: number, alphaMax: number): number;
  // Batched exponential-cone operations (assembly/exp-cones.ts); `starts` holds one i32 per cone, `state` 24 doubles per cone.
  expUpdateScaling(count: number, starts: number, s: number, z: number, mu: number, dualScaling: number, state: number): number;
  expWriteHessian(count: number, state: number, out: number): void;
  expMultiplyHessian(count: number, starts: number, state: number, v: number, out: number): void;
  expCombinedDsShift(
    count: number,
    starts: number,
    state: number,
    ds: number,
    dzAffine: number,
    dsAffine: number,
    sigmaMu: number,
    thirdOrder: number,
  ): void;
  expStepLength(count: number, starts: number, dz: number, ds: number, z: number, s: number, alphaMax: number): number;
  /** V8's Math.log and Math.hypot (3 arguments) reproduced in wasm (exported for the bit-for-bit test). */
  expLog(x: number): number;
  expHypot3(a: number, b: number, c: number): number;
}

/** Compiles the embedded kernel bytes (no network, no file system). Do it once and share the result. */
export async function compileKernels(): Promise<CompiledKernels> {
  return WebAssembly.compile(decodeBase64(kernelsWasmBase64));
}

/** A fresh instance with its own linear memory. */
export function instantiateKernels(module: CompiledKernels): KernelExports {
  return new WebAssembly.Instance(module, {}).exports as KernelExports;
}
