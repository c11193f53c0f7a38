import { describe, expect, it } from "vitest";
import { renderQuestion, type QuestionScreen } from "./question-view.js";
import { createStyle } from "./style.js";
import textWidth from "string-width"; // the independent measure: the wrap module's own could be wrong

// A pool of Japanese texts: every character is two columns wide. Counting characters made the
// two-column layout twice too wide at 80 columns, so the terminal wrapped it and redraws broke.
const screen: QuestionScreen = {
  number: 3,
  bound: 0.42,
  epsilon: 0,
  prompt: "今夜の夕食は何にしますか？",
  texts: [
    "鶏の照り焼きに炊きたてのご飯と具だくさんの味噌汁。甘辛いたれが食欲をそそる、二十分でできる定番の和食です。",
    "Pad thai：米粉の麺を海老、卵、もやしと炒め、ライムと砕いたピーナッツを添えて。",
  ],
  highlighted: 1,
};

// eslint-disable-next-line no-control-regex
const plain = (lines: string[]) => lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ""));

/** The line cut at terminal column `col`, or null when a wide character straddles it. */
function cutAt(line: string, col: number): [string, string] | null {
  let used = 0;
  const chars = [...line];
  for (let k = 0; k <= chars.length; k++) {
    if (used === col) return [chars.slice(0, k).join(""), chars.slice(k).join("")];
    if (used > col || k === chars.length) return null;
    used += textWidth(chars[k]!);
  }
  return null;
}

describe("renderQuestion with wide characters", () => {
  for (const color of [false, true]) {
    it(`keeps every line within 80 − 1 columns and the right column at one column (color ${color})`, () => {
      const lines = plain(renderQuestion(screen, 80, createStyle(color)));
      for (const l of lines) expect(textWidth(l), l).toBeLessThanOrEqual(79);
      // Side by side at 80 columns: indent 2 + marker 2 + left 35 + gap 3 + marker 2, then the right text.
      const rows = lines.slice(lines.findIndex((l) => l.includes("[1]")) + 1);
      expect(rows.length).toBeGreaterThan(2);
      const left: string[] = [];
      const right: string[] = [];
      for (const row of rows) {
        const cut = cutAt(row, 44);
        if (cut === null) {
          expect(textWidth(row), `a row without a right part ends before it: ${row}`).toBeLessThanOrEqual(41);
          left.push(row.slice(4).trim());
          continue;
        }
        expect(cut[0].slice(-5), row).toBe("     ");
        expect(cut[1]).not.toMatch(/^\s/);
        left.push(cut[0].slice(4).trim());
        right.push(cut[1]);
      }
      expect(left.join("")).toBe(screen.texts[0]);
      expect(right.join("").replace(/\s/g, "")).toBe(screen.texts[1].replace(/\s/g, ""));
    });
  }

  it("stacks the two texts on a narrower terminal, still within its columns", () => {
    const lines = plain(renderQuestion(screen, 60, createStyle(false)));
    expect(lines.some((l) => l.includes("[1]") && l.includes("[2]"))).toBe(false);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(59);
  });
});
