import { amdOrder } from "./amd.js";
import { eliminationTree, type EliminationTree } from "./etree.js";
import type { AnalyzeOptions, LdlAnalysis, LdlRegularization, UpperCscPattern } from "./kernel.js";
import { KernelInputError } from "./kernel-error.js";
import { permuteUpper, type PermutedUpper } from "./permute-pattern.js";
import { validateUpperPattern } from "./validate-pattern.js";

/** Everything `analyze` computes that the numeric phase of either engine reads. */
export interface SymbolicFactor {
  readonly analysis: LdlAnalysis;
  readonly permuted: PermutedUpper;
  readonly tree: EliminationTree;
  /** Number of input nonzeros (`pattern.rowIdx.length`). */
  readonly inputNnz: number;
}

/** Validates the pattern, orders it and computes the structure of L. */
export function analyzeSymbolic(pattern: UpperCscPattern, options: AnalyzeOptions = {}): SymbolicFactor {
  validateUpperPattern(pattern);
  const { n, colPtr, rowIdx } = pattern;
  const ordering = options.ordering ?? "amd";
  if (ordering !== "amd" && ordering !== "natural") {
    throw new KernelInputError(`unknown ordering "${String(ordering)}" (expected "amd" or "natural")`, ["ordering"]);
  }
  const perm = ordering === "amd" ? amdOrder(n, colPtr, rowIdx) : naturalOrder(n);
  const inversePerm = new Int32Array(n);
  for (let k = 0; k < n; k++) inversePerm[perm[k]!] = k;
  const permuted = permuteUpper(n, colPtr, rowIdx, inversePerm);
  const tree = eliminationTree(n, permuted.colPtr, permuted.rowIdx);
  return {
    analysis: {
      n,
      perm,
      inversePerm,
      map: permuted.map,
      nnzPermuted: permuted.rowIdx.length,
      nnzL: tree.nnzL,
    },
    permuted,
    tree,
    inputNnz: rowIdx.length,
  };
}

function naturalOrder(n: number): Int32Array {
  const perm = new Int32Array(n);
  for (let k = 0; k < n; k++) perm[k] = k;
  return perm;
}

/**
 * Checks the arguments of `factor`, then writes the permuted, statically regularized values into
 * `target` and the permuted signs into `signTarget`.
 */
export function scatterValues(
  symbolic: SymbolicFactor,
  values: Float64Array,
  signs: Int8Array,
  regularization: LdlRegularization,
  target: Float64Array,
  signTarget: Int8Array,
): void {
  const { n, map, perm } = symbolic.analysis;
  if (values.length !== symbolic.inputNnz) {
    throw new KernelInputError(`values has ${values.length} entries, the pattern ${symbolic.inputNnz}`, ["values"]);
  }
  if (signs.length !== n) throw new KernelInputError(`signs has ${signs.length} entries, expected ${n}`, ["signs"]);
  for (const key of ["staticReg", "dynamicEps", "dynamicDelta"] as const) {
    const v = regularization[key];
    if (!(v >= 0) || !Number.isFinite(v)) {
      throw new KernelInputError(`${key} must be finite and ≥ 0, got ${v}`, ["regularization", key]);
    }
  }
  for (let i = 0; i < n; i++) {
    if (signs[i] !== 1 && signs[i] !== -1) {
      throw new KernelInputError(`signs[${i}] must be +1 or −1, got ${signs[i]}`, ["signs", i]);
    }
  }
  // Only now write: a throwing call leaves the engine's previous factor intact.
  target.fill(0);
  for (let p = 0; p < values.length; p++) target[map[p]!]! += values[p]!;
  const diagonalEnd = symbolic.permuted.colPtr;
  for (let k = 0; k < n; k++) {
    const sign = signs[perm[k]!]!;
    signTarget[k] = sign;
    target[diagonalEnd[k + 1]! - 1]! += sign * regularization.staticReg;
  }
}
