import type { QuestionView } from "@useralign/core";
import type { Slot } from "../render/question-view.js";
import type { AnswerSource } from "./answer-source.js";

/** ⟨θ*, φ(y)⟩: how much a user with preference vector θ* likes a response. */
export function utility(theta: readonly number[], features: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < theta.length; k++) s += theta[k]! * features[k]!;
  return s;
}

/**
 * SPEC "Users": the consistent simulated user, who always prefers the response with the higher
 * ⟨θ*, φ⟩ (ties go to [1], so answers are deterministic).
 */
export function createConsistentUser(theta: readonly number[], features: readonly (readonly number[])[]): AnswerSource {
  return {
    answer: async (q: QuestionView): Promise<Slot> => {
      const [a, b] = q.pair;
      return utility(theta, features[b]!) > utility(theta, features[a]!) ? 2 : 1;
    },
    close: () => {},
  };
}
