import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

// The core must run anywhere JavaScript runs: no Node built-ins, no runtime dependency but zod.
const src = resolve(__dirname, "../src");
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") && !p.endsWith(".test.ts") ? [p] : [];
  });

describe("portability of @useralign/core", () => {
  it("imports nothing but its own modules and zod", () => {
    const imports = new Set<string>();
    for (const f of files(src)) {
      for (const m of readFileSync(f, "utf8").matchAll(/from\s+"([^"]+)"/g)) imports.add(m[1]!);
    }
    const external = [...imports].filter((m) => !m.startsWith("."));
    expect(external).toEqual(["zod"]);
  });

  it("uses no Node globals (process, Buffer, require, __dirname)", () => {
    for (const f of files(src)) {
      const code = readFileSync(f, "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "");
      expect(code, f).not.toMatch(/\b(process\.|Buffer\b|require\(|__dirname|__filename)/);
    }
  });

  it("declares only zod as a runtime dependency", () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, "../package.json"), "utf8"));
    expect(Object.keys(pkg.dependencies)).toEqual(["zod"]);
  });
});
