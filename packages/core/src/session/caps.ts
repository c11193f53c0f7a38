import type { SessionSettings } from "../schemas.js";
import type { FinishReason } from "./session-state.js";

/** IIDBEST's budget T when none is given. */
export const DEFAULT_IID_BUDGET = 20;

/** The limits a session runs under (method.md step 8's step cap, the paper's footnote-3 budget). */
export interface Caps {
  /** Fixed-budget mode: a `budget` is set, so B(t) ≤ ε does not stop the session. */
  fixed: boolean;
  /** Questions allowed. */
  questions: number;
  /** Steps (questions plus replays) allowed. */
  steps: number;
}

/**
 * The caps of an adaptive session. Replays are steps: they share the step cap with questions
 * (method.md step 8). A budget counts steps by default, as the paper's footnote 3 runs T steps; a
 * human study that promises K comparisons counts questions instead (`budgetUnit: "questions"`).
 */
export function adaptiveCaps(s: Readonly<SessionSettings>): Caps {
  const fixed = s.budget !== undefined;
  const questions = fixed ? s.budget! : s.maxQuestions;
  const stepsBudget = fixed && s.budgetUnit === "steps";
  return { fixed, questions, steps: stepsBudget ? Math.min(s.maxSteps, questions) : s.maxSteps };
}

/** True when an adaptive session with this many questions and steps may not ask another question. */
export function capReached(caps: Caps, questions: number, steps: number): boolean {
  return questions >= caps.questions || steps >= caps.steps;
}

/** Why an adaptive session that hit a cap ended: its budget, or the step cap. */
export function capReason(s: Readonly<SessionSettings>, questions: number): FinishReason {
  const caps = adaptiveCaps(s);
  return caps.fixed && (s.budgetUnit === "steps" || questions >= caps.questions) ? "budget" : "step-cap";
}

/** IIDBEST's T. */
export function iidBudget(s: Readonly<SessionSettings>): number {
  return s.budget ?? DEFAULT_IID_BUDGET;
}
