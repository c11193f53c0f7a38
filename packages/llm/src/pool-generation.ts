import { UserAlignError } from "@useralign/core";
import type { ChatClient } from "./chat-client.js";
import type { ChatCompletion, ChatRequest } from "./chat-types.js";
import { interestResponsePrompt, interestsPrompt, plainPrompt } from "./prompts.js";
import { ProviderError } from "./provider-error.js";
import { readInterests } from "./strict-answers.js";

/** Where a candidate came from (paper Appendix D.1). */
export type CandidateOrigin = "plain" | "interest";

/** One generated candidate. */
export interface GeneratedCandidate {
  readonly text: string;
  readonly origin: CandidateOrigin;
  /** The interest it was written for (origin `interest`). */
  readonly interest?: string;
  /** The request's sampling seed (also what keeps repeated samples apart in the cache). */
  readonly seed: number;
}

/** Progress of {@link generatePool}: `done` of `total` chat calls finished. */
export interface PoolProgress {
  readonly phase: "baseline" | "interests" | "responses" | "top-up";
  readonly done: number;
  readonly total: number;
}

/** Options of {@link generatePool}. */
export interface PoolGenerationOptions {
  readonly client: ChatClient;
  readonly question: string;
  /** Pool size N (at least 2). */
  readonly n: number;
  /** @default the client's model */
  readonly model?: string;
  /**
   * Candidates written per interest; the rest are plain samples. The paper's split is half and half.
   * @default Math.floor(n / 2)
   */
  readonly interestCount?: number;
  /**
   * Use these interests instead of asking the model for them (the paper's dsp64d took them from
   * the dataset). Only the first `interestCount` are used.
   * @default ask the model
   */
  readonly interests?: readonly string[];
  /** @default { plain: 0.5, interests: 0.8, perInterest: 0.5 } (Appendix D.1) */
  readonly temperatures?: { readonly plain?: number; readonly interests?: number; readonly perInterest?: number };
  /** Seed of the first sample; sample k uses `seed + k`, so a rerun hits the cache. @default 0 */
  readonly seed?: number;
  /** `max_tokens` of every response. @default the server's default */
  readonly maxTokens?: number;
  /** A system message before every prompt. @default none */
  readonly system?: string;
  /**
   * Extra rounds of plain samples that replace exact repeats (after trimming). Bounded, because a
   * model at low temperature can keep repeating itself; see `shortfall` in the result.
   * @default 2
   */
  readonly maxTopUpRounds?: number;
  readonly onProgress?: (progress: PoolProgress) => void;
  readonly signal?: AbortSignal;
}

/** A generated pool. */
export interface GeneratedPool {
  readonly question: string;
  /** The temperature-0 answer the returned pick is compared against (not part of the pool). */
  readonly baseline: string;
  readonly candidates: readonly GeneratedCandidate[];
  /** The interests the per-interest half was written for. */
  readonly interests: readonly string[];
  /** Exact repeats that were dropped. */
  readonly duplicatesDropped: number;
  /** How many candidates short of `n` the pool still is after the top-up rounds (usually 0). */
  readonly shortfall: number;
}

/**
 * Generates a candidate pool as in the paper's Appendix D.1: the baseline answer at temperature
 * 0; `n − k` plain samples from the question alone at temperature 0.5; `k` interests asked for at
 * temperature 0.8 (strictly parsed, one re-ask) and one response per interest at temperature 0.5.
 * Exact repeats are dropped and replaced by further plain samples, for at most `maxTopUpRounds`
 * rounds. All calls go through the client, so they share its concurrency limit and cache.
 */
export async function generatePool(options: PoolGenerationOptions): Promise<GeneratedPool> {
  const { n } = options;
  const question = options.question.trim();
  if (question === "") throw new UserAlignError("invalid_input", "The question is empty.", [{ path: ["question"], message: "empty" }]);
  if (!Number.isInteger(n) || n < 2)
    throw new UserAlignError("invalid_input", `A pool needs n ≥ 2 candidates; got ${n}.`, [
      { path: ["n"], message: "must be an integer ≥ 2" },
    ]);
  const interestCount = options.interestCount ?? Math.floor(n / 2);
  if (!Number.isInteger(interestCount) || interestCount < 0 || interestCount > n) {
    throw new UserAlignError("invalid_input", `interestCount must be an integer in [0, ${n}]; got ${interestCount}.`, [
      { path: ["interestCount"], message: "out of range" },
    ]);
  }
  // One failed call stops its siblings instead of letting them run on unobserved; what finished
  // before is in the cache (if there is one), so a rerun continues from there.
  const stop = new AbortController();
  const onAbort = () => stop.abort(options.signal!.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  const started: Promise<unknown>[] = [];
  const complete: Complete = (request) => {
    const p = options.client.complete(request, { signal: stop.signal });
    started.push(p);
    return p;
  };
  try {
    return await generate({ ...options, question }, interestCount, complete);
  } catch (e) {
    stop.abort(e);
    // Let every started call settle, so that whatever finished has been stored in the cache
    // by the time the caller sees the error (and may rerun).
    await Promise.allSettled(started);
    throw e;
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
}

/** One chat call of a generation, cancellable as a group. */
type Complete = (request: ChatRequest) => Promise<ChatCompletion>;

/** The calls of {@link generatePool}, on checked options. */
async function generate(options: PoolGenerationOptions, interestCount: number, complete: Complete): Promise<GeneratedPool> {
  const { n, question } = options;
  const temperature = { plain: 0.5, interests: 0.8, perInterest: 0.5, ...options.temperatures };
  const maxTopUpRounds = options.maxTopUpRounds ?? 2;
  const common = {
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
  };

  let done = 0;
  const asksInterests = interestCount > 0 && options.interests === undefined;
  let total = 1 + n + (asksInterests ? 1 : 0);
  const tick = (phase: PoolProgress["phase"]) => options.onProgress?.({ phase, done: ++done, total });
  options.onProgress?.({ phase: "baseline", done: 0, total });

  let nextSeed = options.seed ?? 0;
  const plainSample = async (phase: PoolProgress["phase"]): Promise<GeneratedCandidate> => {
    const seed = nextSeed++;
    const r = await complete({ ...common, messages: plainPrompt(question, options.system), temperature: temperature.plain, seed });
    tick(phase);
    return { text: r.content.trim(), origin: "plain", seed };
  };

  const baselineCall = complete({ ...common, messages: plainPrompt(question, options.system), temperature: 0 }).then((r) => {
    tick("baseline");
    return r.content.trim();
  });
  // Seeds are taken in a fixed order before anything is awaited, so the same options give the same requests.
  const plainCalls = Array.from({ length: n - interestCount }, () => plainSample("responses"));
  const interestSeed = nextSeed;
  nextSeed += interestCount + 2;
  const interestCalls = (async (): Promise<GeneratedCandidate[]> => {
    if (interestCount === 0) return [];
    const interests = options.interests
      ? options.interests.slice(0, interestCount)
      : await askInterests(
          complete,
          question,
          interestCount,
          { ...common, temperature: temperature.interests, seed: interestSeed },
          options.system,
        );
    // Fewer interests than asked for: the missing slots become plain samples in the top-up below,
    // which adds its own calls to the total.
    total -= interestCount - interests.length;
    if (asksInterests) tick("interests");
    return Promise.all(
      interests.map(async (interest, k) => {
        const seed = interestSeed + 2 + k;
        const messages = interestResponsePrompt(question, interest, options.system);
        const r = await complete({ ...common, messages, temperature: temperature.perInterest, seed });
        tick("responses");
        return { text: r.content.trim(), origin: "interest" as const, interest, seed };
      }),
    );
  })();

  const [baseline, plain, perInterest] = await Promise.all([baselineCall, Promise.all(plainCalls), interestCalls]);
  const candidates: GeneratedCandidate[] = [];
  const seen = new Set<string>();
  let duplicatesDropped = 0;
  const keep = (c: GeneratedCandidate) => {
    if (c.text === "" || seen.has(c.text)) {
      duplicatesDropped++;
      return;
    }
    seen.add(c.text);
    candidates.push(c);
  };
  // Plain and per-interest candidates alternate, so a pool cut short still holds both kinds.
  for (let k = 0; k < Math.max(plain.length, perInterest.length); k++) {
    if (k < plain.length) keep(plain[k]!);
    if (k < perInterest.length) keep(perInterest[k]!);
  }
  for (let round = 0; round < maxTopUpRounds && candidates.length < n; round++) {
    const missing = n - candidates.length;
    total += missing;
    const extra = await Promise.all(Array.from({ length: missing }, () => plainSample("top-up")));
    extra.forEach(keep);
  }
  const interests = perInterest.map((c) => c.interest!);
  return { question, baseline, candidates, interests, duplicatesDropped, shortfall: n - candidates.length };
}

/** Asks for `count` interests, re-asking once (with a new seed) if the list is unreadable. */
async function askInterests(
  complete: Complete,
  question: string,
  count: number,
  request: { model?: string; maxTokens?: number; temperature: number; seed: number },
  system: string | undefined,
): Promise<string[]> {
  const messages = interestsPrompt(question, count, system);
  let problem = "";
  let content = "";
  for (let attempt = 0; attempt < 2; attempt++) {
    const r = await complete({ ...request, messages, seed: request.seed + attempt });
    content = r.content;
    const read = readInterests(content);
    if (read.ok) return read.value.slice(0, count);
    problem = read.problem;
  }
  throw new ProviderError(`The model's interest list could not be read twice in a row: ${problem}.`, { reason: "bad_answer", content });
}
