import type { QuestionView } from "@useralign/core";
import type { Slot } from "../render/question-view.js";
import { UsageError } from "../usage-error.js";
import type { AnswerSource } from "./answer-source.js";

/** Answers from a fixed list of slots (`--answers script:1,2,2,1`); running out is a usage error. */
export function createScriptAnswers(slots: readonly Slot[]): AnswerSource {
  let next = 0;
  return {
    answer: async (q: QuestionView) => {
      const slot = slots[next++];
      if (slot === undefined) {
        throw new UsageError(`--answers script ran out after ${slots.length} answers, but question ${q.question} is still open.`, "choose");
      }
      return slot;
    },
    close: () => {},
  };
}
