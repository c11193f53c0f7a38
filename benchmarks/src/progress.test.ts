import { afterEach, describe, expect, it, vi } from "vitest";
import { createProgress } from "./progress.js";

describe("progress bar", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes ten plain lines, the last at 100%, when stderr is not a terminal", () => {
    const lines: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
    const tty = process.stderr.isTTY;
    Object.defineProperty(process.stderr, "isTTY", { value: false, configurable: true });
    try {
      const progress = createProgress(1748, "sweep");
      for (let k = 0; k < 1748; k++) progress.tick(`problem ${k}`);
    } finally {
      Object.defineProperty(process.stderr, "isTTY", { value: tty, configurable: true });
    }
    expect(lines).toHaveLength(10);
    expect(lines.every((l) => l.endsWith("\n") && !l.includes("\r"))).toBe(true);
    expect(lines.at(-1)).toContain("1748/1748");
  });
});
