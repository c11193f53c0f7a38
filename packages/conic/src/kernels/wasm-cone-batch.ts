import type { SymmetricBlock, SymmetricConeBatch, SymmetricConeBatchFactory } from "../cones/symmetric-batch.js";
import { byteAllocator, ensureMemory } from "./wasm-layout.js";
import { refuseWhenSuperseded, reusedInstance, type InstanceLease } from "./reused-instance.js";
import type { CompiledKernels } from "./wasm-module.js";

/**
 * The WebAssembly batch (assembly/cones.ts) on the factory's instance of the kernel module (shared by its successive batches, see reused-instance.ts): block table,
 * NT state (w, λ, η) and four stacked work vectors live in its memory; each operation copies its
 * input vectors in whole (a few memcpy's of m doubles), makes one call, and copies the result out.
 */
export function wasmConeBatchFactory(module: CompiledKernels): SymmetricConeBatchFactory {
  const lease = reusedInstance(module);
  return (blocks, m, hessianEntries) => createWasmConeBatch(lease(), blocks, m, hessianEntries);
}

function createWasmConeBatch(
  { wasm, isCurrent }: InstanceLease,
  blocks: readonly SymmetricBlock[],
  m: number,
  hessianEntries: number,
): SymmetricConeBatch {
  const count = blocks.length;
  const maxDim = blocks.reduce((max, b) => Math.max(max, b.dim), 1);
  const { take, end } = byteAllocator(wasm.heapBase());
  const table = take(16 * count);
  const [w, lambda, v1, v2, v3, v4] = [0, 0, 0, 0, 0, 0].map(() => take(8 * m)) as [number, number, number, number, number, number];
  const eta = take(8 * count);
  const hessian = take(8 * hessianEntries);
  const scratchA = take(8 * maxDim);
  const scratchB = take(8 * maxDim);
  // Views are taken after the only growth, so they stay valid.
  const buffer = ensureMemory(wasm.memory, end());
  // The instance is reused from batch to batch: start from zeros, as a fresh instance would.
  new Uint8Array(buffer, wasm.heapBase(), end() - wasm.heapBase()).fill(0);
  const tableView = new Int32Array(buffer, table, 4 * count);
  blocks.forEach((b, k) => tableView.set([b.kind === "nonneg" ? 0 : b.expanded === true ? 2 : 1, b.start, b.dim, b.hessianOffset], 4 * k));
  const [view1, view2, view3, view4] = [v1, v2, v3, v4].map((p) => new Float64Array(buffer, p, m)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const hessianView = new Float64Array(buffer, hessian, hessianEntries);
  const batch: SymmetricConeBatch = {
    updateScaling(s, z) {
      view1.set(s);
      view2.set(z);
      return wasm.coneUpdateScaling(count, table, v1, v2, w, lambda, eta) !== 0;
    },
    writeHessian(out) {
      wasm.coneWriteHessian(count, table, w, eta, hessian);
      out.set(hessianView);
    },
    multiplyHessian(out, v) {
      view1.set(v);
      wasm.coneMultiplyHessian(count, table, w, eta, v1, v2);
      out.set(view2);
    },
    affineDs(ds) {
      wasm.coneAffineDs(count, table, lambda, v1);
      ds.set(view1);
    },
    combinedDsShift(ds, dzAffine, dsAffine, sigmaMu) {
      view1.set(ds);
      view2.set(dzAffine);
      view3.set(dsAffine);
      wasm.coneCombinedDsShift(count, table, w, eta, v1, v2, v3, sigmaMu, scratchA, scratchB);
      ds.set(view1);
    },
    deltaSOffset(out, ds) {
      view1.set(ds);
      wasm.coneDeltaSOffset(count, table, w, eta, lambda, v1, v2, scratchA, scratchB);
      out.set(view2);
    },
    stepLength(dz, ds, z, s, alphaMax) {
      view1.set(dz);
      view2.set(ds);
      view3.set(z);
      view4.set(s);
      return wasm.coneStepLength(count, table, v1, v2, v3, v4, alphaMax);
    },
  };
  return refuseWhenSuperseded(batch, isCurrent, "nonnegative/second-order cone batch");
}
