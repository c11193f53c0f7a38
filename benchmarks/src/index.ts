export { benchStep, type BenchStepOptions, type BenchStepResult } from "./step-bench.js";
export { makeInstance, type BenchInstance } from "./instance.js";
export { median } from "./stats.js";
export { buildHistory, type BenchHistory } from "./history.js";
export { timeStep, type StepTiming } from "./time-step.js";
export { runGrid, disagreements, type GridResult, type GridRow, type RunGridOptions } from "./run-grid.js";
export { CI_GRID, FULL_GRID, gridPoints, type GridPoint, type GridSpec } from "./grid.js";
export { checkFloors, confirmFloors, floorSpec, speedRatio, growthInN, type ConfirmedFloor, type RatioFloor } from "./ratios.js";
export { loadBenchRegistry } from "./backends.js";
export { markdownReport } from "./report-markdown.js";
export { timeVsNChart } from "./report-svg.js";
export { benchEmbed, syntheticCorpus, syntheticStaticModel, type EmbedBenchRow } from "./embed-bench.js";
export {
  benchConic,
  conicBenchMarkdown,
  conicBenchProblems,
  type ConicBenchOptions,
  type ConicBenchProblem,
  type ConicBenchRow,
} from "./conic-bench.js";
export { confidenceSetConic, sparseLp, sparseSocp, type ConfidenceSetShape } from "./conic-problems.js";
export { benchReplays, replayBenchMarkdown, type ReplayBenchOptions, type ReplayBenchRow } from "./replay-bench.js";
