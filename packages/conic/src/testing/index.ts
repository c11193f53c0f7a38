/**
 * Seeded problem generators for testing conic solvers (this package's tests and benchmarks, and
 * anyone checking a backend of their own): `@useralign/conic/testing`.
 */
export { lcgUniform } from "./lcg.js";
export { confidenceSetInstance, confidenceSetProblem, softplus } from "./confidence-set-problem.js";
export { randomProblem } from "./random-problem.js";
export { plantQp, type PlantedQp, type PlantedQpData } from "./planted-qp.js";
export {
  badlyScaledQp,
  degenerateQp,
  infeasibleStatisticsQp,
  leastSquaresQp,
  optimalControlQp,
  qpStressSet,
  statisticsQp,
  unboundedFreePairQp,
  type QpStressExpected,
  type QpStressFamily,
  type QpStressProblem,
  type QpStressScale,
} from "./qp-stress.js";
