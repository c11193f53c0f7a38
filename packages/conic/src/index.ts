export type { ConicProblem, ConeSpec, ConeType, Triplets } from "./problem.js";
export { isErrored, isInfeasible, type SolverStatus } from "./status.js";
export type { ConicSolution } from "./solution.js";
export type { ConicSolver } from "./solver.js";
export * from "./kernels/index.js";
