import { describe, expect, it } from "vitest";
import { readmeExample, toCommonJs } from "./readme-example.js";

describe("readmeExample", () => {
  it("takes the first ts block and nothing else", () => {
    const md = "# x\n```sh\nnpm i x\n```\n```ts\nconst a = 1;\n```\n```ts\nconst b = 2;\n```\n";
    expect(readmeExample(md)).toBe("const a = 1;\n");
    expect(readmeExample("no code")).toBeUndefined();
  });
});

describe("toCommonJs", () => {
  it("turns named, renamed and namespace imports into requires and wraps the rest", () => {
    const cjs = toCommonJs('import { a, b as c } from "x";\nimport * as z from "zod";\nconsole.log(await a(c, z));\n');
    expect(cjs).toContain('const { a, b: c } = require("x");');
    expect(cjs).toContain('const z = require("zod");');
    expect(cjs).toContain("(async () => {\n\n\nconsole.log(await a(c, z));");
  });

  it("runs: the converted program computes what the ESM one does", async () => {
    const cjs = toCommonJs('import { join } from "node:path";\nglobalThis.out = await Promise.resolve(join("a", "b"));\n');
    const { runInNewContext } = await import("node:vm");
    const sandbox = {
      require: (await import("node:module")).createRequire(import.meta.url),
      globalThis: {} as { out?: string },
      console,
      process,
    };
    await runInNewContext(cjs.replace("(async () => {", "globalThis.done = (async () => {").replace(/\.catch\([^;]*;\n$/, ";"), sandbox);
    await (sandbox.globalThis as unknown as { done: Promise<void> }).done;
    expect(sandbox.globalThis.out).toBe("a/b");
  });

  it("refuses an import form it does not handle instead of emitting broken code", () => {
    expect(() => toCommonJs('import x from "x";\nx();\n')).toThrow(/does not handle/);
  });
});
