// Entry point of the WebAssembly kernels (compiled by scripts/build-wasm.mjs).
export { ldlFactor, ldlSolve, ldlSolvePermuted } from "./ldl";
export { coneAffineDs, coneCombinedDsShift, coneDeltaSOffset, coneMultiplyHessian, coneStepLength, coneUpdateScaling, coneWriteHessian } from "./cones";

/** First byte JavaScript may use for its arrays (after the module's own static data). */
export function heapBase(): usize {
  return __heap_base;
}
export { expCombinedDsShift, expMultiplyHessian, expStepLength, expUpdateScaling, expWriteHessian } from "./exp-cones";
export { v8Hypot3 as expHypot3, v8Log as expLog } from "./v8-math";
