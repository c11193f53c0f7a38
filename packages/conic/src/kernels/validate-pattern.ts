import { KernelInputError } from "./kernel-error.js";
import type { UpperCscPattern } from "./kernel.js";

/** Checks that `pattern` is an upper-triangular CSC pattern; throws `KernelInputError` naming the first fault. */
export function validateUpperPattern(pattern: UpperCscPattern): void {
  const { n, colPtr, rowIdx } = pattern;
  if (!Number.isInteger(n) || n < 0) throw new KernelInputError(`n must be a nonnegative integer, got ${n}`, ["n"]);
  if (!(colPtr instanceof Int32Array) || !(rowIdx instanceof Int32Array)) {
    throw new KernelInputError("colPtr and rowIdx must be Int32Arrays", ["colPtr"]);
  }
  if (colPtr.length !== n + 1) {
    throw new KernelInputError(`colPtr must have n + 1 = ${n + 1} entries, got ${colPtr.length}`, ["colPtr"]);
  }
  if (colPtr[0] !== 0) throw new KernelInputError(`colPtr[0] must be 0, got ${colPtr[0]}`, ["colPtr", 0]);
  for (let j = 0; j < n; j++) {
    if (colPtr[j + 1]! < colPtr[j]!) {
      throw new KernelInputError(`colPtr must be nondecreasing (colPtr[${j + 1}] < colPtr[${j}])`, ["colPtr", j + 1]);
    }
  }
  if (colPtr[n] !== rowIdx.length) {
    throw new KernelInputError(`colPtr[n] = ${colPtr[n]} but rowIdx has ${rowIdx.length} entries`, ["colPtr", n]);
  }
  for (let j = 0; j < n; j++) {
    for (let p = colPtr[j]!; p < colPtr[j + 1]!; p++) {
      const i = rowIdx[p]!;
      if (i < 0 || i > j) {
        throw new KernelInputError(`rowIdx[${p}] = ${i} is outside [0, ${j}]: only the upper triangle of column ${j} may be given`, [
          "rowIdx",
          p,
        ]);
      }
    }
  }
}
