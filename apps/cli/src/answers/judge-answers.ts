import type { QuestionView } from "@useralign/core";
import type { PairwiseUser } from "@useralign/core";
import type { Slot } from "../render/question-view.js";
import type { AnswerSource } from "./answer-source.js";

/** What the judge sees of the pool. */
export interface JudgedPool {
  readonly question: string;
  readonly texts: readonly string[];
  readonly features: readonly (readonly number[])[];
}

/**
 * Answers from a judge that reads the texts: an LLM persona judge (`--answers llm:DESCRIPTION`,
 * the model role-plays the persona) or the embedding judge (`--answers embedding:…`). It picks
 * one of the two shown responses, [1] being `pair[0]`.
 */
export function createJudgeAnswers(judge: PairwiseUser, pool: JudgedPool): AnswerSource {
  const candidate = (index: number) => ({ index, text: pool.texts[index]!, features: pool.features[index]! });
  return {
    answer: async (q: QuestionView): Promise<Slot> => {
      const [a, b] = q.pair;
      const winner = await judge.compare({ question: pool.question, first: candidate(a), second: candidate(b) });
      return winner === a ? 1 : 2;
    },
    close: () => {},
  };
}
