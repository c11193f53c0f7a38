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
