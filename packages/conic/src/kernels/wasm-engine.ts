import type { AnalyzeOptions, FactorResult, LdlAnalysis, LdlEngine, LdlRegularization, UpperCscPattern } from "./kernel.js";
import { KernelInputError } from "./kernel-error.js";
import { lColumnPointers } from "./ldl-workspace.js";
import { scatterValues, type SymbolicFactor } from "./symbolic.js";
import { createSymbolicMemo } from "./symbolic-memo.js";
import { wasmConeBatchFactory } from "./wasm-cone-batch.js";
import { wasmExpConeBatchFactory } from "./wasm-exp-batch.js";
import { ensureMemory, layoutFor, type WasmLayout } from "./wasm-layout.js";
import { instantiateKernels, type CompiledKernels, type KernelExports } from "./wasm-module.js";

interface Prepared {
  readonly symbolic: SymbolicFactor;
  readonly layout: WasmLayout;
  /** Views into wasm memory; valid until the next `analyze` grows it. */
  readonly values: Float64Array;
  readonly signs: Int8Array;
  readonly rhs: Float64Array;
}

/**
 * The WebAssembly LDLᵀ engine: symbolic analysis in TypeScript (shared with the TS engine), numeric
 * factorization and solves in wasm. The instance owns its memory, grown at `analyze` to fit; values
 * are scattered straight into it, and `solve` copies the right-hand side in and the solution out.
 */
export function createWasmLdlEngine(module: CompiledKernels): LdlEngine {
  const wasm: KernelExports = instantiateKernels(module);
  const base = wasm.heapBase();
  let prepared: Prepared | undefined;
  // Re-analyzing the pattern of the previous problem returns the same symbolic factor.
  const analyzeOnce = createSymbolicMemo();
  let factored = false;
  return {
    kind: "wasm",
    symmetricConeBatch: wasmConeBatchFactory(module),
    expConeBatch: wasmExpConeBatchFactory(module),
    retainedBytes: () => wasm.memory.buffer.byteLength,
    analyze(pattern: UpperCscPattern, options?: AnalyzeOptions): LdlAnalysis {
      const symbolic = analyzeOnce(pattern, options);
      const { n, nnzPermuted, nnzL, perm } = symbolic.analysis;
      const layout = layoutFor(base, { n, nnzPermuted, nnzL });
      const buffer = ensureMemory(wasm.memory, layout.end);
      new Int32Array(buffer, layout.colPtr, n + 1).set(symbolic.permuted.colPtr);
      new Int32Array(buffer, layout.rowIdx, nnzPermuted).set(symbolic.permuted.rowIdx);
      new Int32Array(buffer, layout.parent, n).set(symbolic.tree.parent);
      new Int32Array(buffer, layout.perm, n).set(perm);
      new Int32Array(buffer, layout.lColPtr, n + 1).set(lColumnPointers(n, symbolic.tree));
      prepared = {
        symbolic,
        layout,
        values: new Float64Array(buffer, layout.values, nnzPermuted),
        signs: new Int8Array(buffer, layout.signs, n),
        rhs: new Float64Array(buffer, layout.rhs, n),
      };
      factored = false;
      return symbolic.analysis;
    },
    factor(values: Float64Array, signs: Int8Array, regularization: LdlRegularization): FactorResult {
      if (prepared === undefined) throw new KernelInputError("factor called before analyze");
      const { symbolic, layout: at } = prepared;
      // Throws on bad arguments before touching the stored factor.
      scatterValues(symbolic, values, signs, regularization, prepared.values, prepared.signs);
      const code = wasm.ldlFactor(
        symbolic.analysis.n,
        at.colPtr,
        at.rowIdx,
        at.values,
        at.parent,
        at.signs,
        regularization.dynamicEps,
        regularization.dynamicDelta,
        at.lColPtr,
        at.lRowIdx,
        at.lValues,
        at.diagonal,
        at.diagonalInverse,
        at.y,
        at.pattern,
        at.path,
        at.mark,
        at.next,
      );
      factored = code >= 0;
      return { ok: factored, regularizedPivots: code >= 0 ? code : -code - 1 };
    },
    solve(rhs: Float64Array): void {
      if (prepared === undefined || !factored) throw new KernelInputError("solve called without a successful factor");
      const { n } = prepared.symbolic.analysis;
      if (rhs.length !== n) throw new KernelInputError(`rhs has ${rhs.length} entries, expected ${n}`, ["rhs"]);
      const at = prepared.layout;
      prepared.rhs.set(rhs);
      wasm.ldlSolve(n, at.perm, at.lColPtr, at.lRowIdx, at.lValues, at.diagonalInverse, at.rhs, at.work);
      rhs.set(prepared.rhs);
    },
  };
}
