export { createBtlUser, type BtlUser, type BtlUserOptions } from "./btl-user.js";
export { createConsistentUser, type ConsistentUserOptions } from "./consistent-user.js";
export { winProbability, type WinRateModel } from "./win-rate.js";
export type { PairwiseUser, ComparisonQuery, ComparisonCandidate } from "@useralign/core";
export { createEmbeddingJudge, thetaFromEmbedding, type EmbeddingJudgeOptions, type TextEmbedding } from "./embedding-judge.js";
