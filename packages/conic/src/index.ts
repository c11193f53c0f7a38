export type { ConicProblem, ConeSpec, ConeType, Triplets } from "./problem.js";
export { isErrored, isInfeasible, type SolverStatus } from "./status.js";
export type { ConicSolution } from "./solution.js";
export type { ConicSolver } from "./solver.js";
export {
  UnsupportedProblemError,
  isUnsupportedProblemError,
  assertSupported,
  unsupportedFeature,
  hasQuadraticTerm,
  type ProblemFeature,
} from "./unsupported.js";
export * from "./kernels/index.js";
export * from "./scs/index.js";
export { ConicInputError, isConicInputError, type ConicInputErrorCode, type ConicInputIssue } from "./input/errors.js";
export { checkProblem, type CheckedProblem } from "./input/validate.js";
export { DEFAULT_IPM_SETTINGS, resolveSettings, type IpmSettings, type KernelChoice } from "./settings.js";
export { createIpmSolver, createClarabelSolver, createEcosSolver, type IpmSolverOptions } from "./ipm-solvers.js";
export { CLARABEL_CONFIGURATION, ECOS_CONFIGURATION, type IpmConfiguration } from "./ipm/configuration.js";
export type { Clock } from "./ipm/ipm-solver.js";
export type { CscMatrix } from "./csc.js";
export { parseWireProblem, wireProblemSchema, wireSettingsSchema, type WireRequest } from "./input/wire.js";
export { createChainSolver, createDefaultChain, type ChainSettings, type DefaultChainOptions } from "./chain.js";
export type { IterationInfo } from "./ipm/ipm-solver.js";
export { createSyncIpmSolver, loadSyncIpmSolver, type SyncConicSolver, type SyncIpmOptions } from "./sync-ipm.js";
