import { readFileSync, writeFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";

// The README's library example must run as printed.
describe("README example", () => {
  it("runs and finds the simulated person's favourite", async () => {
    const readme = readFileSync(resolve(__dirname, "../../../README.md"), "utf8");
    const block = /## The library in 20 lines\s+```ts\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const code = block![1]!;
    expect(code.split("\n").filter((l) => l.trim()).length).toBeLessThanOrEqual(20);
    const file = resolve(__dirname, `readme-snippet-${process.pid}.ts`);
    writeFileSync(file, code);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      await import(file);
      expect(log).toHaveBeenCalledTimes(1);
      // After scaling every row to norm ½, taste [0.3, 2.9] scores candidate 1 ([0.1, 1]) highest.
      expect(String(log.mock.calls[0]![0])).toMatch(/^best: candidate 1 after \d+ questions \(B = /);
    } finally {
      log.mockRestore();
      rmSync(file);
    }
  });
});
