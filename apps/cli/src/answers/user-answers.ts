import type { PairwiseUser, QuestionView } from "@useralign/core";
import type { Slot } from "../render/question-view.js";
import type { AnswerSource } from "./answer-source.js";

/** What a user sees of the pool. */
export interface UserPool {
  readonly question?: string;
  readonly texts?: readonly string[];
  readonly features: readonly (readonly number[])[];
}

/**
 * Answers from any `PairwiseUser` — a simulated user of `@useralign/simulators`
 * (`--answers consistent:…`) or an LLM persona judge (`--answers llm:…`): it sees the two shown
 * candidates, [1] being `pair[0]`, and its pick is mapped to a slot. The user decides; this only
 * translates.
 */
export function createUserAnswers(user: PairwiseUser, pool: UserPool): AnswerSource {
  const candidate = (index: number) => ({ index, features: pool.features[index]!, ...(pool.texts ? { text: pool.texts[index]! } : {}) });
  return {
    answer: async (q: QuestionView): Promise<Slot> => {
      const [a, b] = q.pair;
      const winner = await user.compare({
        ...(pool.question !== undefined ? { question: pool.question } : {}),
        first: candidate(a),
        second: candidate(b),
      });
      return winner === a ? 1 : 2;
    },
    close: () => {},
  };
}
