import { UserAlignError, type ComparisonCandidate, type ComparisonQuery, type PairwiseUser } from "@useralign/core";
import type { ChatClient } from "./chat-client.js";
import type { ChatMessage } from "./chat-types.js";
import { JUDGE_REASK, judgeQuestion, judgeSystemPrompt } from "./prompts.js";
import { ProviderError } from "./provider-error.js";
import { readChoice } from "./strict-answers.js";

/** Options of {@link createPersonaJudge}. */
export interface PersonaJudgeOptions {
  readonly client: ChatClient;
  /** A short label; the judge's `name` is `persona:<name>`. */
  readonly name: string;
  /** The persona description the model role-plays (the paper's "brief persona descriptions"). */
  readonly description: string;
  /** @default the client's model */
  readonly model?: string;
  /** Used when a query carries no question of its own. @default none */
  readonly question?: string;
  /**
   * Ask each pair in both orders to cancel the model's position bias. When the two answers
   * disagree (the model picked by position, not content), the first order's answer counts and
   * `disagreements` goes up. Doubles the calls.
   * @default false
   */
  readonly bothOrders?: boolean;
  /**
   * Re-ask once, with the bad answer and a reminder of the format in the conversation, when the
   * answer is not exactly 1 or 2. With `false`, a bad answer is a `bad_answer` error at once.
   * @default true
   */
  readonly reask?: boolean;
  /** `max_tokens` per answer; leave unset for reasoning models that think before answering. @default the server's default */
  readonly maxTokens?: number;
  readonly signal?: AbortSignal;
}

/** The detail of one judged pair. */
export interface JudgeVerdict {
  /** Pool index of the preferred candidate. */
  readonly winner: number;
  /** The pool index picked in each order asked (one entry, or two with `bothOrders`). */
  readonly picks: readonly number[];
  /** False when the two orders picked different candidates. */
  readonly agreed: boolean;
}

/** Counters of a judge. */
export interface JudgeStats {
  /** Pairs judged. */
  comparisons: number;
  /** Chat calls made (orders × re-asks; cached calls included). */
  calls: number;
  /** Answers that had to be re-asked because they were not exactly 1 or 2. */
  reasks: number;
  /** Pairs whose two orders disagreed (`bothOrders` only). */
  disagreements: number;
}

/** An LLM persona judge: a {@link PairwiseUser} backed by a chat model at temperature 0. */
export interface PersonaJudge extends PairwiseUser {
  compare(query: ComparisonQuery): Promise<number>;
  /** Like `compare`, with the per-order picks. */
  judge(query: ComparisonQuery): Promise<JudgeVerdict>;
  stats(): JudgeStats;
}

/**
 * Creates a persona judge (the paper's GPT-simulated users, Section 5): the model role-plays the
 * persona and answers which of two responses it prefers, at temperature 0. The answer must be
 * exactly `1` or `2` (or `{"choice": 1|2}`); anything else is re-asked once, then a
 * `provider_error` with reason `bad_answer` carrying the raw text.
 */
export function createPersonaJudge(options: PersonaJudgeOptions): PersonaJudge {
  const description = options.description.trim();
  if (description === "")
    throw new UserAlignError("invalid_input", `Persona "${options.name}" has an empty description.`, [
      { path: ["description"], message: "empty" },
    ]);
  const system = judgeSystemPrompt(description);
  const stats: JudgeStats = { comparisons: 0, calls: 0, reasks: 0, disagreements: 0 };
  const reask = options.reask ?? true;
  const common = {
    temperature: 0,
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
  };
  const call = options.signal ? { signal: options.signal } : {};

  /** Asks with `a` shown as Response 1 and `b` as Response 2; returns the pool index picked. */
  async function ask(question: string | undefined, a: ComparisonCandidate, b: ComparisonCandidate): Promise<number> {
    const messages: ChatMessage[] = [
      { role: "system", content: system },
      { role: "user", content: judgeQuestion(question, textOf(a), textOf(b)) },
    ];
    for (let attempt = 0; ; attempt++) {
      stats.calls++;
      const r = await options.client.complete({ ...common, messages }, call);
      const read = readChoice(r.content);
      if (read.ok) return read.value === 1 ? a.index : b.index;
      if (!reask || attempt >= 1) {
        throw new ProviderError(`Persona judge "${options.name}" did not answer 1 or 2: ${read.problem}.`, {
          reason: "bad_answer",
          content: r.content,
        });
      }
      stats.reasks++;
      messages.push({ role: "assistant", content: r.content }, { role: "user", content: JUDGE_REASK });
    }
  }

  async function judge(query: ComparisonQuery): Promise<JudgeVerdict> {
    if (query.first.index === query.second.index) {
      throw new UserAlignError("invalid_input", `A comparison needs two different candidates; both are ${query.first.index}.`, [
        { path: ["second", "index"], message: "same as first" },
      ]);
    }
    const question = query.question ?? options.question;
    const picks = await Promise.all([
      ask(question, query.first, query.second),
      ...(options.bothOrders ? [ask(question, query.second, query.first)] : []),
    ]);
    const agreed = picks.every((p) => p === picks[0]);
    stats.comparisons++;
    if (!agreed) stats.disagreements++;
    return { winner: picks[0]!, picks, agreed };
  }

  return {
    name: `persona:${options.name}`,
    judge,
    compare: async (query) => (await judge(query)).winner,
    stats: () => ({ ...stats }),
  };
}

function textOf(candidate: ComparisonCandidate): string {
  const text = candidate.text?.trim();
  if (!text) {
    throw new UserAlignError("invalid_input", `Candidate ${candidate.index} has no text; a persona judge reads the responses' text.`, [
      { path: ["candidates", candidate.index, "text"], message: "missing" },
    ]);
  }
  return text;
}
