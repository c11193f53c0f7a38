export { benchStep, type BenchStepOptions, type BenchStepResult } from "./step-bench.js";
export { makeInstance, type BenchInstance } from "./instance.js";
export { median } from "./stats.js";
export { benchEmbed, syntheticCorpus, syntheticStaticModel, type EmbedBenchRow } from "./embed-bench.js";
