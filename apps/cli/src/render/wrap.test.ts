import { describe, expect, it } from "vitest";
import { padEnd, textWidth, wrapText } from "./wrap.js";

describe("wrapText", () => {
  const text = "Mapo tofu with a little pork mince, Sichuan peppercorns and chili bean paste over steamed rice.";

  it("keeps every line within the width and loses no word", () => {
    for (const width of [10, 17, 30, 44, 200]) {
      const lines = wrapText(text, width);
      for (const l of lines) expect([...l].length).toBeLessThanOrEqual(width);
      expect(lines.join("").replace(/ /g, "")).toBe(text.replace(/ /g, ""));
      if (width >= 11) expect(lines.join(" ")).toBe(text); // no word is longer than 11
    }
  });

  it("splits a word longer than the line", () => {
    expect(wrapText("a supercalifragilistic b", 8)).toEqual(["a", "supercal", "ifragili", "stic b"]);
  });

  it("returns one empty line for empty text", () => {
    expect(wrapText("   ", 10)).toEqual([""]);
  });

  it("counts terminal columns: a Japanese text wraps at half as many characters", () => {
    const ja = "鶏の照り焼きに炊きたてのご飯と具だくさんの味噌汁、甘辛いたれが食欲をそそる定番の和食です。";
    const lines = wrapText(ja, 20);
    for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(20);
    expect(lines.slice(0, -1).every((l) => textWidth(l) >= 19)).toBe(true); // full lines, no waste
    expect(lines.join("")).toBe(ja);
    expect([...lines[0]!].length).toBe(10);
  });

  it("never splits a grapheme: a base letter keeps its combining mark, an emoji its modifier", () => {
    const text = "e\u0301e\u0301e\u0301 👍🏽👍🏽👍🏽";
    for (const l of wrapText(text.replace(" ", ""), 3)) {
      expect(textWidth(l)).toBeLessThanOrEqual(3);
      expect(l.normalize("NFC").startsWith("\u0301")).toBe(false);
      expect(l.startsWith("\u{1F3FD}")).toBe(false);
    }
    expect(textWidth("e\u0301")).toBe(1);
    expect(textWidth("👍🏽")).toBe(2);
  });

  it("pads to columns, not characters", () => {
    expect(textWidth(padEnd("和食", 6))).toBe(6);
    expect(padEnd("和食", 6)).toBe("和食  ");
  });
});
