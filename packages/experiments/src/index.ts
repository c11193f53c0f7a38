export { deriveSeed } from "./seed.js";
export { DEFAULT_SETTINGS, type RunSettings } from "./settings.js";
export {
  taskKey,
  familyMethod,
  type Task,
  type TaskFamily,
  type UserModel,
  type SessionRecord,
  type TraceRecord,
  type ResultRecord,
} from "./task.js";
export { runChain, runSession, type ChainPatch, type PoolView, type ChainObserver } from "./chain.js";
export { trajectorySeeds, personaTheta, baselineFeatures, makeUser } from "./trajectory.js";
export { runTask, expectedRecords } from "./run-task.js";
export { ThetaGrid, GridConfidenceSets, bestPerPoint } from "./trace/theta-grid.js";
export { runTrace } from "./trace/run-trace.js";
export { planTasks, planFamilies, planFingerprint, TABLE_FAMILIES, STEP_FAMILIES, type ExperimentPlan } from "./plan.js";
export { openResultsFile, type ResultsHeader } from "./results-file.js";
export { createProgress, type ProgressOptions } from "./progress.js";
export { executeTasks, localExecutor, type ExecuteOptions, type ExecutorContext, type TaskExecutor } from "./executor.js";
export { createTaskPool, defaultWorkerUrl, type TaskPool, type TaskPoolOptions } from "./task-pool.js";
export { runExperiment, type RunOptions, type RunOutcome } from "./runner.js";
export { meanSem, type MeanSem } from "./report/stats.js";
export {
  aggregate,
  rowLabel,
  type DomainReport,
  type TableRow,
  type HeadToHead,
  type StepCurve,
  type GeometryTrace,
} from "./report/aggregate.js";
export { renderMarkdown, formatMeanSem } from "./report/markdown.js";
export { renderChart, niceTicks, escapeXml, sideBySide, type ChartSpec, type Series } from "./report/svg-chart.js";
export { winRateVsCostSvg, winRatePerStepSvg, geometrySvg } from "./report/figures.js";
export { reportFiles, writeReport, type RunMeta } from "./report/write-report.js";
export { judgeEmbedder } from "./judge-embedder.js";
