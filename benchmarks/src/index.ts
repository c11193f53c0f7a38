export { benchStep, type BenchStepOptions, type BenchStepResult } from "./step-bench.js";
export { makeInstance, type BenchInstance } from "./instance.js";
export { median } from "./stats.js";
export { benchEmbed, syntheticCorpus, syntheticStaticModel, type EmbedBenchRow } from "./embed-bench.js";
export { benchConic, conicBenchMarkdown, conicBenchProblems, type ConicBenchOptions, type ConicBenchProblem, type ConicBenchRow } from "./conic-bench.js";
export { confidenceSetConic, sparseLp, sparseSocp, type ConfidenceSetShape } from "./conic-problems.js";
