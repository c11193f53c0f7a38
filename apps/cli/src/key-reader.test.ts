import { describe, expect, it } from "vitest";
import { createListKeyReader, keyFromKeypress, keyFromLine } from "./key-reader.js";

describe("keys", () => {
  it("maps keypresses: digits, arrows, Enter, q, Escape and Ctrl+C", () => {
    expect(keyFromKeypress("1", { name: "1" })).toBe("1");
    expect(keyFromKeypress("2", { name: "2" })).toBe("2");
    expect(keyFromKeypress(undefined, { name: "left" })).toBe("left");
    expect(keyFromKeypress(undefined, { name: "up" })).toBe("left");
    expect(keyFromKeypress(undefined, { name: "right" })).toBe("right");
    expect(keyFromKeypress(undefined, { name: "down" })).toBe("right");
    expect(keyFromKeypress("\r", { name: "return" })).toBe("enter");
    expect(keyFromKeypress("q", { name: "q" })).toBe("quit");
    expect(keyFromKeypress("\x1b", { name: "escape" })).toBe("quit");
    expect(keyFromKeypress("\x03", { name: "c", ctrl: true })).toBe("quit");
    expect(keyFromKeypress("c", { name: "c" })).toBe("other");
    expect(keyFromKeypress("3", { name: "3" })).toBe("other");
  });

  it("maps typed lines", () => {
    expect(keyFromLine(" 1 ")).toBe("1");
    expect(keyFromLine("2")).toBe("2");
    expect(keyFromLine("Q")).toBe("quit");
    expect(keyFromLine("quit")).toBe("quit");
    expect(keyFromLine("12")).toBe("other");
    expect(keyFromLine("")).toBe("other");
  });

  it("a list reader yields its keys in order, then null forever", async () => {
    const r = createListKeyReader(["1", "enter"]);
    expect(await r.next()).toBe("1");
    expect(await r.next()).toBe("enter");
    expect(await r.next()).toBeNull();
    expect(await r.next()).toBeNull();
  });
});
