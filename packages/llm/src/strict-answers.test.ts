import { describe, expect, it } from "vitest";
import { readChoice, readInterests } from "./strict-answers.js";

describe("readChoice", () => {
  it.each([
    ["1", 1],
    [" 2\n", 2],
    ['{"choice": 1}', 1],
    ['{"choice":2}', 2],
  ])("reads %j", (text, value) => {
    expect(readChoice(text)).toEqual({ ok: true, value });
  });

  it.each(["Response 1", "1.", "I prefer 2", "12", "", "3", '{"choice": "1"}', '{"choice": 1, "why": "x"}', "**1**"])(
    "rejects %j",
    (text) => {
      const r = readChoice(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.problem).toBe(`expected exactly "1" or "2" (or {"choice": 1|2}), got ${JSON.stringify(text.trim())}`);
    },
  );
});

describe("readInterests", () => {
  it("reads a bare array, an object and one fenced block, dropping case-insensitive repeats", () => {
    expect(readInterests('["Budget", "speed", "budget ", "Taste"]')).toEqual({ ok: true, value: ["Budget", "speed", "Taste"] });
    expect(readInterests('{"interests": ["a", "b"]}')).toEqual({ ok: true, value: ["a", "b"] });
    expect(readInterests('```json\n["a", "b"]\n```')).toEqual({ ok: true, value: ["a", "b"] });
  });

  it("says what is wrong otherwise", () => {
    expect(readInterests("1. Budget\n2. Speed")).toEqual({
      ok: false,
      problem: 'expected a JSON array of strings, got "1. Budget\\n2. Speed"',
    });
    expect(readInterests('["a", 3]')).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/^expected a JSON array of strings: \[1\] /),
    });
    expect(readInterests('["a", "  "]')).toEqual({
      ok: false,
      problem: "expected a JSON array of strings: [1] must be a non-empty string",
    });
    expect(readInterests("[]")).toEqual({ ok: false, problem: "expected a JSON array of strings: must list at least one interest" });
    expect(readInterests('Sure! ```json\n["a"]\n```')).toMatchObject({ ok: false });
  });
});
