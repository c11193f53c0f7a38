import type { QuestionView } from "@useralign/core";
import type { Slot } from "../render/question-view.js";

/** Where `choose` gets its answers: a person at the keyboard, a script, a simulated user. */
export interface AnswerSource {
  /** The shown slot the user prefers ([1] = `pair[0]`, [2] = `pair[1]`), or "quit". */
  answer(question: QuestionView): Promise<Slot | "quit">;
  /** Releases the terminal; called once the session is over (or abandoned). */
  close(): void;
}
