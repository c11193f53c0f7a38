export { describeConfidenceSetBackend, type DescribeBackendOptions } from "./describe.js";
export { backendCases, regressionCases, type BackendCase } from "./cases.js";
export { prepareCase, maximizeCase, expectedBest, CASE_S, CASE_DELTA, type PreparedCase } from "./run-case.js";
export { tieCases, type TieCase } from "./tie-cases.js";
export { bruteForce2d, type BruteResult, type BruteSet, type BruteStatus } from "./brute-force-2d.js";
export { randomPool2d, circlePool2d, type Pool2d, type RandomPool2dSpec } from "./random-instance-2d.js";
export { betaRef, lossRef, lossMayBindRef, softplusRef, goldenMax, type Vec2 } from "./reference-math.js";
export {
  checkAllMode,
  checkBestMode,
  checkCaseClaims,
  checkTie,
  expectUserAlignError,
  fewAnswersWinner,
  CASE_TIE_TOLERANCE,
} from "./checks.js";
