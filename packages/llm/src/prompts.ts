import type { ChatMessage } from "./chat-types.js";

/**
 * The prompts of pool generation and persona judging. Appendix D of the paper fixes the sampling
 * scheme (temperatures, half plain / half per-interest) but not the wording; this wording is ours.
 * Every prompt is part of the cache key, so changing one here invalidates cached calls that used it.
 */

/** A plain sample and the baseline: the question alone, as a person would ask it. */
export function plainPrompt(question: string, system?: string): ChatMessage[] {
  return withSystem(system, [{ role: "user", content: question }]);
}

/** Asks for `count` diverse interests as a bare JSON array of strings. */
export function interestsPrompt(question: string, count: number, system?: string): ChatMessage[] {
  const content =
    `Different people asking the question below care about different things. List ${count} distinct interests, ` +
    `tastes or needs such people could have, each one different enough that the best answer for it would differ ` +
    `from the others.\n\nReply with only a JSON array of ${count} short strings, and nothing else.\n\nQuestion: ${question}`;
  return withSystem(system, [{ role: "user", content }]);
}

/** One response written for one interest. */
export function interestResponsePrompt(question: string, interest: string, system?: string): ChatMessage[] {
  const content = `${question}\n\n(Write your answer for someone whose main interest is: ${interest}.)`;
  return withSystem(system, [{ role: "user", content }]);
}

/** The persona judge's instructions: who to be, and the exact answer format. */
export function judgeSystemPrompt(persona: string): string {
  return (
    `You are role-playing this person:\n${persona}\n\n` +
    `You will see a question and two responses to it. Decide which response this person would prefer. ` +
    `Answer with exactly one character: 1 if they prefer Response 1, 2 if they prefer Response 2. No other text.`
  );
}

/** The pairwise question shown to the judge. */
export function judgeQuestion(question: string | undefined, first: string, second: string): string {
  const head = question === undefined ? "" : `Question: ${question}\n\n`;
  return `${head}Response 1:\n${first}\n\nResponse 2:\n${second}\n\nWhich response does this person prefer? Answer 1 or 2.`;
}

/** The one re-ask after an answer that was not exactly 1 or 2. */
export const JUDGE_REASK = "Answer with exactly one character, 1 or 2, and nothing else.";

function withSystem(system: string | undefined, messages: ChatMessage[]): ChatMessage[] {
  return system === undefined ? messages : [{ role: "system", content: system }, ...messages];
}
