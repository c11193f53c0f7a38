export { ProviderError, isProviderError, type ProviderErrorReason, type ProviderErrorDetails } from "./provider-error.js";
export { createChatClient, type ChatClient, type ChatClientOptions, type ChatClientStats, type FetchLike } from "./chat-client.js";
export type { ChatMessage, ChatRequest, ChatCompletion, ChatUsage } from "./chat-types.js";
export { ENV, DEFAULT_BASE_URL, resolveEndpoint, type ResolvedEndpoint } from "./client-config.js";
export { createMemoryCache, cacheKey, canonicalJson, type ChatCache, type CachedCompletion, type CacheKeyInput } from "./cache.js";
export { systemClock, type Clock } from "./clock.js";
export { retryDelay, parseRetryAfter, isRetryableStatus, type RetryOptions, type RetrySettings } from "./backoff.js";
export { Semaphore } from "./semaphore.js";
export { readChoice, readInterests, type Read } from "./strict-answers.js";
export {
  generatePool,
  type PoolGenerationOptions,
  type GeneratedPool,
  type GeneratedCandidate,
  type CandidateOrigin,
  type PoolProgress,
} from "./pool-generation.js";
export { createPersonaJudge, type PersonaJudge, type PersonaJudgeOptions, type JudgeVerdict, type JudgeStats } from "./persona-judge.js";
export * as prompts from "./prompts.js";
