import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it, vi } from "vitest";

// The README's example must run as printed.
it("the README example runs and picks candidate 0", async () => {
  const readme = readFileSync(resolve(__dirname, "../README.md"), "utf8");
  const code = /```ts\n([\s\S]*?)```/.exec(readme)![1]!;
  const file = resolve(__dirname, `readme-snippet-${process.pid}.ts`);
  writeFileSync(file, code);
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    await import(file);
    expect(String(log.mock.calls[0]![0])).toMatch(/^picked 0 with highs after \d+ questions$/);
  } finally {
    log.mockRestore();
    rmSync(file);
  }
});
