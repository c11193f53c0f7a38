import type { AnalyzeOptions, FactorResult, LdlAnalysis, LdlEngine, LdlRegularization, UpperCscPattern } from "./kernel.js";
import { KernelInputError } from "./kernel-error.js";
import { ldlFactorNumeric } from "./ldl-numeric.js";
import { ldlSolve } from "./ldl-solve.js";
import { allocateLdlStorage, type LdlNumericStorage } from "./ldl-workspace.js";
import { scatterValues, type SymbolicFactor } from "./symbolic.js";
import { createSymbolicMemo } from "./symbolic-memo.js";

interface Prepared {
  readonly symbolic: SymbolicFactor;
  readonly storage: LdlNumericStorage;
  readonly values: Float64Array;
  readonly signs: Int8Array;
  readonly solveWork: Float64Array;
}

/** The pure-TypeScript LDLᵀ engine: the fallback and the cross-check of the WebAssembly one. */
export function createTsLdlEngine(): LdlEngine {
  let prepared: Prepared | undefined;
  // Re-analyzing the pattern of the previous problem returns the same symbolic factor.
  const analyzeOnce = createSymbolicMemo();
  let factored = false;
  return {
    kind: "ts",
    analyze(pattern: UpperCscPattern, options?: AnalyzeOptions): LdlAnalysis {
      const symbolic = analyzeOnce(pattern, options);
      const n = symbolic.analysis.n;
      prepared = {
        symbolic,
        storage: allocateLdlStorage(n, symbolic.tree),
        values: new Float64Array(symbolic.analysis.nnzPermuted),
        signs: new Int8Array(n),
        solveWork: new Float64Array(n),
      };
      factored = false;
      return symbolic.analysis;
    },
    factor(values: Float64Array, signs: Int8Array, regularization: LdlRegularization): FactorResult {
      if (prepared === undefined) throw new KernelInputError("factor called before analyze");
      const { symbolic, storage } = prepared;
      // Throws on bad arguments before touching the stored factor.
      scatterValues(symbolic, values, signs, regularization, prepared.values, prepared.signs);
      const code = ldlFactorNumeric(
        symbolic.analysis.n,
        symbolic.permuted.colPtr,
        symbolic.permuted.rowIdx,
        prepared.values,
        symbolic.tree.parent,
        prepared.signs,
        regularization.dynamicEps,
        regularization.dynamicDelta,
        storage,
      );
      factored = code >= 0;
      return { ok: factored, regularizedPivots: code >= 0 ? code : -code - 1 };
    },
    solve(rhs: Float64Array): void {
      if (prepared === undefined || !factored) throw new KernelInputError("solve called without a successful factor");
      const n = prepared.symbolic.analysis.n;
      if (rhs.length !== n) throw new KernelInputError(`rhs has ${rhs.length} entries, expected ${n}`, ["rhs"]);
      ldlSolve(n, prepared.symbolic.analysis.perm, prepared.storage, rhs, prepared.solveWork);
    },
  };
}
