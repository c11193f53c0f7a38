import type { QuestionView } from "@useralign/core";
import type { KeyReader } from "../io.js";
import { atSlot, renderQuestion, type QuestionScreen, type Slot } from "../render/question-view.js";
import { eraseLines, type Style } from "../render/style.js";
import type { AnswerSource } from "./answer-source.js";

/** What the interactive chooser needs to show questions. */
export interface InteractiveOptions {
  /** The pool's question. */
  prompt: string;
  /** Candidate texts by index. */
  texts: readonly string[];
  /** Candidate ids by index (for the one-line record of each answer). */
  ids: readonly string[];
  /** The session's ε, shown as the finish line for B(t). */
  epsilon: number;
  keys: KeyReader;
  write(text: string): void;
  /** Keyboard mode (a terminal in raw mode: highlight, arrows, redraw) or typed lines. */
  keyboard: boolean;
  columns: number;
  style: Style;
}

const KEY_HINT = "1 / 2 to choose · ←/→ then Enter · q to quit";
const LINE_PROMPT = "Your choice (1 or 2, q to quit): ";

function ended(question: number): Error {
  return new Error(`Input ended before question ${question} was answered.`);
}

/**
 * A person answering in the terminal. With a keyboard: the question is drawn with [1]
 * highlighted, ←/→ move the highlight and redraw it in place, Enter confirms it, 1/2 choose
 * directly, q (or Ctrl+C) quits; once answered the block collapses to one line so the scrollback
 * reads as a record. Piped input: the question is printed and lines "1", "2" or "q" are read.
 */
export function createInteractiveAnswers(o: InteractiveOptions): AnswerSource {
  const { style, write } = o;
  const screen = (q: QuestionView, highlighted: Slot | null): QuestionScreen => ({
    number: q.question,
    bound: q.bound,
    epsilon: o.epsilon,
    prompt: o.prompt,
    texts: [o.texts[q.pair[0]]!, o.texts[q.pair[1]]!],
    highlighted,
  });
  // Printed after the block is erased, so it may wrap without upsetting any redraw.
  const record = (q: QuestionView, slot: Slot) => {
    const winner = o.ids[atSlot(q.pair, slot)]!;
    const loser = o.ids[atSlot(q.pair, slot === 1 ? 2 : 1)]!;
    return `  ${style.good("✓")} ${style.dim(`Question ${q.question}:`)} ${winner} ${style.dim(`over ${loser}`)}\n`;
  };

  async function viaKeyboard(q: QuestionView): Promise<Slot | "quit"> {
    let highlighted: Slot = 1;
    let drawn = 0;
    const draw = () => {
      const lines = [...renderQuestion(screen(q, highlighted), o.columns, style), "", `  ${style.dim(KEY_HINT)}`];
      // Erase the previous drawing of this question (the cursor sits on the line after it).
      write(`${drawn > 0 ? eraseLines(drawn) : ""}${lines.join("\n")}\n`);
      drawn = lines.length;
    };
    draw();
    for (;;) {
      const key = await o.keys.next();
      if (key === null) throw ended(q.question);
      if (key === "quit") return "quit";
      if (key === "1" || key === "2" || key === "enter") {
        const slot: Slot = key === "enter" ? highlighted : key === "1" ? 1 : 2;
        write(`${eraseLines(drawn)}${record(q, slot)}`);
        return slot;
      }
      const moved: Slot | null = key === "left" ? 1 : key === "right" ? 2 : null;
      if (moved !== null && moved !== highlighted) {
        highlighted = moved;
        draw();
      }
    }
  }

  async function viaLines(q: QuestionView): Promise<Slot | "quit"> {
    write(`${renderQuestion(screen(q, null), o.columns, style).join("\n")}\n\n  ${LINE_PROMPT}`);
    for (;;) {
      const key = await o.keys.next();
      if (key === null) throw ended(q.question);
      if (key === "quit") {
        write("q\n");
        return "quit";
      }
      if (key === "1" || key === "2") {
        // Piped input is not echoed; echo the answer so the transcript reads naturally.
        write(`${key}\n`);
        return key === "1" ? 1 : 2;
      }
      write(`\n  Please type 1 or 2, or q to quit: `);
    }
  }

  return {
    answer: (q) => (o.keyboard ? viaKeyboard(q) : viaLines(q)),
    close: () => o.keys.close(),
  };
}
