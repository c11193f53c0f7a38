import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

// Runs every ```ts example block of docs/embeddings.md, with the package imports pointed at the
// sources, and checks what it prints against the `// → result` comment of each console.log line.
const doc = fileURLToPath(new URL("../../../docs/embeddings.md", import.meta.url));
const scratch = fileURLToPath(new URL("./.doc-examples/", import.meta.url));
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const imports: Record<string, string> = {
  "@useralign/embeddings": source("../src/index.ts"),
  "@useralign/embeddings/node": source("../src/node/index.ts"),
  "@useralign/core": source("../../core/src/index.ts"),
};

const blocks = (await readFile(doc, "utf8"))
  .split("```ts example\n")
  .slice(1)
  .map((b) => b.split("\n```")[0]!);

afterAll(() => rm(scratch, { recursive: true, force: true }));

describe("docs/embeddings.md examples", () => {
  it("has examples to run", () => expect(blocks.length).toBeGreaterThanOrEqual(2));

  blocks.forEach((block, i) => {
    it(`example ${i + 1} runs and prints what its comments say`, async () => {
      const code = block.replace(/from "(@useralign\/[a-z/]+)"/g, (m, name: string) =>
        imports[name] ? `from ${JSON.stringify(imports[name])}` : m,
      );
      await mkdir(scratch, { recursive: true });
      const file = `${scratch}example-${i + 1}.ts`;
      await writeFile(file, code);
      const printed: string[] = [];
      const log = vi
        .spyOn(console, "log")
        .mockImplementation(
          (...args: unknown[]) => void printed.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")),
        );
      try {
        await import(/* @vite-ignore */ file);
      } finally {
        log.mockRestore();
      }
      const expected = block
        .split("\n")
        .filter((l) => l.startsWith("console.log("))
        .map((l) => /\/\/ → (.*)$/.exec(l)?.[1]);
      expect(expected.every((want) => want !== undefined)).toBe(true);
      expect(printed).toEqual(expected);
    });
  });
});
