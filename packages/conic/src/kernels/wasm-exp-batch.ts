import type { ExpBatchOptions, ExpBlock, ExpConeBatch, ExpConeBatchFactory } from "../cones/exp-batch.js";
import { byteAllocator, ensureMemory } from "./wasm-layout.js";
import { refuseWhenSuperseded, reusedInstance, type InstanceLease } from "./reused-instance.js";
import type { CompiledKernels } from "./wasm-module.js";

/** Doubles of per-cone state in wasm memory (H, ∇²f*(z), ∇f*(z), z). Must match assembly/exp-cones.ts. */
const stateDoubles = 24;

/** A maximal run of cones adjacent both in the stacked vectors and in the Hessian array. */
interface Run {
  /** First stacked index and first Hessian index of the run. */
  readonly start: number;
  readonly hessianOffset: number;
  /** Views of the run's part of wasm's output vector and packed Hessian. */
  readonly vector: Float64Array;
  readonly hessian: Float64Array;
}

/**
 * The WebAssembly exp-cone batch (assembly/exp-cones.ts) on the factory's instance of the kernel module (shared by its successive batches, see reused-instance.ts):
 * cone starts, per-cone state and four stacked work vectors live in its memory. Inputs are copied
 * in whole (memcpy of m doubles); outputs are copied back run by run, so the other cones' entries
 * of the caller's arrays stay as they are.
 */
export function wasmExpConeBatchFactory(module: CompiledKernels): ExpConeBatchFactory {
  const lease = reusedInstance(module);
  return (blocks, m, options) => createWasmExpConeBatch(lease(), blocks, m, options);
}

function createWasmExpConeBatch(
  { wasm, isCurrent }: InstanceLease,
  blocks: readonly ExpBlock[],
  m: number,
  options: ExpBatchOptions,
): ExpConeBatch {
  const count = blocks.length;
  const { take, end } = byteAllocator(wasm.heapBase());
  const starts = take(4 * count);
  const state = take(8 * stateDoubles * count);
  const [v1, v2, v3, v4] = [0, 0, 0, 0].map(() => take(8 * m)) as [number, number, number, number];
  const hessian = take(8 * 6 * count);
  // Views are taken after the only growth, so they stay valid.
  const buffer = ensureMemory(wasm.memory, end());
  // The instance is reused from batch to batch: start from zeros, as a fresh instance would.
  new Uint8Array(buffer, wasm.heapBase(), end() - wasm.heapBase()).fill(0);
  new Int32Array(buffer, starts, count).set(blocks.map((b) => b.start));
  const [view1, view2, view3, view4] = [v1, v2, v3, v4].map((p) => new Float64Array(buffer, p, m)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const hessianView = new Float64Array(buffer, hessian, 6 * count);
  const runs: Run[] = contiguousRuns(blocks, (first, end) => ({
    start: blocks[first]!.start,
    hessianOffset: blocks[first]!.hessianOffset,
    vector: view2.subarray(blocks[first]!.start, blocks[end - 1]!.start + 3),
    hessian: hessianView.subarray(6 * first, 6 * end),
  }));
  const primalDual = options.scaling === "primal-dual";
  const thirdOrder = options.thirdOrder ? 1 : 0;
  // affineDs and deltaSOffset copy a slice: no arithmetic, so no wasm call.
  const copyRuns = (out: Float64Array, from: Float64Array): void => {
    for (const r of runs) for (let i = r.start; i < r.start + r.vector.length; i++) out[i] = from[i]!;
  };
  const batch: ExpConeBatch = {
    updateScaling(s, z, mu, dualOnly) {
      view1.set(s);
      view2.set(z);
      return wasm.expUpdateScaling(count, starts, v1, v2, mu, primalDual && !dualOnly ? 0 : 1, state) !== 0;
    },
    writeHessian(out) {
      wasm.expWriteHessian(count, state, hessian);
      for (const r of runs) out.set(r.hessian, r.hessianOffset);
    },
    multiplyHessian(out, v) {
      view1.set(v);
      wasm.expMultiplyHessian(count, starts, state, v1, v2);
      for (const r of runs) out.set(r.vector, r.start);
    },
    affineDs: copyRuns,
    combinedDsShift(ds, dzAffine, dsAffine, sigmaMu) {
      view2.set(ds);
      view3.set(dzAffine);
      view4.set(dsAffine);
      wasm.expCombinedDsShift(count, starts, state, v2, v3, v4, sigmaMu, thirdOrder);
      for (const r of runs) ds.set(r.vector, r.start);
    },
    deltaSOffset: copyRuns,
    stepLength(dz, ds, z, s, alphaMax) {
      view1.set(dz);
      view2.set(ds);
      view3.set(z);
      view4.set(s);
      return wasm.expStepLength(count, starts, v1, v2, v3, v4, alphaMax);
    },
  };
  return refuseWhenSuperseded(batch, isCurrent, "exponential-cone batch");
}

/** Splits the cones into maximal runs adjacent in both the stacked vectors and the Hessian array. */
function contiguousRuns<T>(blocks: readonly ExpBlock[], make: (first: number, end: number) => T): T[] {
  const runs: T[] = [];
  let first = 0;
  for (let k = 1; k <= blocks.length; k++) {
    const previous = blocks[k - 1]!;
    const next = blocks[k];
    if (next === undefined || next.start !== previous.start + 3 || next.hessianOffset !== previous.hessianOffset + 6) {
      runs.push(make(first, k));
      first = k;
    }
  }
  return blocks.length > 0 ? runs : [];
}
