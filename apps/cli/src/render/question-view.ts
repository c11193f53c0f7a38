import { formatBound } from "./format-number.js";
import type { Style } from "./style.js";
import { padEnd, wrapText } from "./wrap.js";

/** Which of the two shown responses: [1] is y⁽¹⁾ (the current favourite), [2] is y⁽²⁾. */
export type Slot = 1 | 2;

/** What one question screen shows. */
export interface QuestionScreen {
  /** 1-based question number. */
  number: number;
  /** B(t) at this step (null for methods without one). */
  bound: number | null;
  /** ε: the session stops once B(t) ≤ ε (shown next to the bound as the finish line). */
  epsilon: number;
  /** The pool's question, shown as a reminder of what is being compared. */
  prompt: string;
  /** The two candidate texts, for [1] and [2]. */
  texts: readonly [string, string];
  /** The slot Enter would pick (keyboard mode), or null (typed answers, no highlight). */
  highlighted: Slot | null;
}

// Below this width two columns get too narrow to read comfortably; stack them instead.
const SIDE_BY_SIDE_MIN_COLUMNS = 72;
const MAX_COLUMN_WIDTH = 46;
const MAX_STACKED_WIDTH = 76;
const INDENT = "  ";
const GAP = "   ";

function marker(slot: Slot, screen: QuestionScreen, style: Style): string {
  return screen.highlighted === slot ? style.accent("▌ ") : "  ";
}

function label(slot: Slot, screen: QuestionScreen, style: Style, width: number): string {
  const text = padEnd(`[${slot}]`, width);
  return screen.highlighted === slot ? style.bold(style.accent(text)) : style.bold(text);
}

/**
 * The question as lines of at most `columns − 1` visible characters (so the terminal never wraps
 * them and a redraw can erase exactly what it drew): header, prompt, the two responses side by
 * side on wide terminals and stacked on narrow ones.
 */
export function renderQuestion(screen: QuestionScreen, columns: number, style: Style): string[] {
  const bound = screen.bound === null ? "" : ` · bound B(t) = ${formatBound(screen.bound)} (stops at ε = ${screen.epsilon})`;
  // The leading blank line separates the block from the record of the previous answer.
  const lines = ["", `${INDENT}${style.bold(`Question ${screen.number}`)}${style.dim(bound)}`];
  for (const l of wrapText(screen.prompt, Math.max(20, columns - 1 - INDENT.length))) lines.push(`${INDENT}${style.dim(l)}`);
  lines.push("");
  if (columns >= SIDE_BY_SIDE_MIN_COLUMNS) {
    const width = Math.min(MAX_COLUMN_WIDTH, Math.floor((columns - 1 - INDENT.length - GAP.length - 4) / 2));
    const left = wrapText(screen.texts[0], width);
    const right = wrapText(screen.texts[1], width);
    lines.push(
      `${INDENT}${marker(1, screen, style)}${label(1, screen, style, width)}${GAP}${marker(2, screen, style)}${label(2, screen, style, 0)}`,
    );
    for (let k = 0; k < Math.max(left.length, right.length); k++) {
      const a = k < left.length ? marker(1, screen, style) : "  ";
      const b = k < right.length ? marker(2, screen, style) : "  ";
      lines.push(`${INDENT}${a}${padEnd(left[k] ?? "", width)}${GAP}${b}${right[k] ?? ""}`.trimEnd());
    }
  } else {
    const width = Math.max(20, Math.min(MAX_STACKED_WIDTH, columns - 1 - INDENT.length - 2));
    for (const slot of [1, 2] as const) {
      lines.push(`${INDENT}${marker(slot, screen, style)}${label(slot, screen, style, 0)}`);
      for (const l of wrapText(atSlot(screen.texts, slot), width)) lines.push(`${INDENT}${marker(slot, screen, style)}${l}`);
      if (slot === 1) lines.push("");
    }
  }
  return lines;
}

/** The entry of a shown pair that `slot` refers to. */
export function atSlot<T>(pair: readonly [T, T], slot: Slot): T {
  return slot === 1 ? pair[0] : pair[1];
}
