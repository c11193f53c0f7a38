export type {
  AnalyzeOptions,
  FactorResult,
  KernelKind,
  LdlAnalysis,
  LdlEngine,
  LdlRegularization,
  UpperCscPattern,
} from "./kernel.js";
export { KernelInputError } from "./kernel-error.js";
export { createLdlEngine, type CreateEngineOptions } from "./create-engine.js";
export { compileKernels, type CompiledKernels } from "./wasm-module.js";
export { createWasmLdlEngine } from "./wasm-engine.js";
export { createTsLdlEngine } from "./ts-engine.js";
export { refine, type RefineOptions, type RefineResult } from "./refine.js";
export { symmetricUpperMultiply } from "./sym-matvec.js";
export { amdOrder } from "./amd.js";
export {
  createTsConeBatch,
  type SymmetricBlock,
  type SymmetricConeBatch,
  type SymmetricConeBatchFactory,
} from "../cones/symmetric-batch.js";
export { wasmConeBatchFactory } from "./wasm-cone-batch.js";
export {
  createTsExpConeBatch,
  type ExpBatchOptions,
  type ExpBlock,
  type ExpConeBatch,
  type ExpConeBatchFactory,
} from "../cones/exp-batch.js";
export { wasmExpConeBatchFactory } from "./wasm-exp-batch.js";
