import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";

// docs/core.md's examples must run as printed (each checks itself and logs one line).
const doc = readFileSync(resolve(__dirname, "../../../docs/core.md"), "utf8");
const blocks = doc
  .split(/^#{2,3} /m)
  .map((section) => [section.split("\n")[0]!, /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? ""] as const)
  .filter(([, code]) => code.includes("console.log"));

describe("docs/core.md examples", () => {
  it("has the chain and selection examples", () => {
    expect(blocks.map((b) => b[0])).toEqual(["Chains: `fork` and `withSettings`", "The selection after k answers"]);
  });
  it.each(blocks.map((b, i) => [b[0], b[1], i] as const))(
    "%s runs",
    async (_, code, i) => {
      const file = resolve(__dirname, `core-doc-snippet-${process.pid}-${i}.ts`);
      writeFileSync(file, code);
      const log = vi.spyOn(console, "log").mockImplementation(() => {});
      try {
        await import(file);
        expect(log).toHaveBeenCalledTimes(1);
      } finally {
        log.mockRestore();
        rmSync(file);
      }
    },
    60_000,
  );
});
