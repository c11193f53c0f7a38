import type { FinishReason, ResultView } from "@useralign/core";
import { formatBound } from "./format-number.js";
import type { Style } from "./style.js";
import { wrapText } from "./wrap.js";

/** What the closing summary of `choose` shows. */
export interface SummaryInput {
  result: ResultView;
  method: string;
  epsilon: number;
  maxQuestions: number;
  maxSteps: number;
  chosen: { id: string; text: string };
  baseline: string;
}

function why(s: SummaryInput): string {
  const reasons: Record<FinishReason, string> = {
    bound: `the bound B(t) = ${formatBound(s.result.bound)} reached ε = ${s.epsilon}, so no other candidate can beat this one by more than ε.`,
    "step-cap":
      s.result.questions >= s.maxQuestions
        ? `reached the question cap (${s.maxQuestions}) before the bound certified a winner.`
        : `reached the step cap (${s.maxSteps} steps, counting earlier answers it reused) before the bound certified a winner.`,
    budget: "used up the question budget; this is the best guess from the answers.",
    exhausted: "every remaining candidate has already been compared with it.",
    immediate: `the ${s.method} method picks without asking.`,
  };
  return reasons[s.result.reason];
}

/** The human-readable end of `choose`: the pick, why the search stopped, and the baseline. */
export function renderSummary(s: SummaryInput, columns: number, style: Style): string {
  const width = Math.max(20, Math.min(76, columns - 7));
  const n = s.result.questions;
  const lines = [
    "",
    `  ${style.bold(style.good(`Your pick after ${n} question${n === 1 ? "" : "s"}`))} ${style.dim(`(${s.chosen.id})`)}`,
    ...wrapText(s.chosen.text, width).map((l) => `  ${style.good("▌")} ${l}`),
    "",
    ...wrapText(`Stopped: ${why(s)}`, width + 2).map((l) => `  ${style.dim(l)}`),
    "",
    `  ${style.bold("The plain answer, for comparison")}`,
    ...wrapText(s.baseline, width).map((l) => `  ${style.dim("▌")} ${l}`),
    "",
  ];
  return lines.join("\n");
}
