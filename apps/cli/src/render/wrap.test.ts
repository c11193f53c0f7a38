import { describe, expect, it } from "vitest";
import { wrapText } from "./wrap.js";

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
});
