export { describeConicBackend, type DescribeOptions } from "./describe.js";
export { runCase, type CaseResult, type ConformanceOptions } from "./run-case.js";
export { conicCases, casesOf } from "./cases/index.js";
export type { CaseFamily, CaseWitness, ConicCase, ExpectedOutcome } from "./case.js";
export { checkSolution, type CheckMeasures, type CheckReport } from "./check.js";
export { inCone, inExpCone, inDualExpCone, firstConeViolation } from "./cones.js";
export { defaultTolerances, uniformTolerances, type ConformanceTolerances } from "./tolerances.js";
