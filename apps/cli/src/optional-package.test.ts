import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { importOptional, MissingPackageError } from "./optional-package.js";

const dir = mkdtempSync(join(tmpdir(), "useralign-optional-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pkg = (specifier: string) => ({ specifier, command: "serve", install: "npm install it." });
// Node's own import, not vite's: the CLI runs under plain Node.
const nodeImport = (specifier: string) => import(/* @vite-ignore */ specifier);

describe("importOptional", () => {
  it("loads an installed package", async () => {
    const zod = await importOptional<{ string: unknown }>(pkg("zod"), nodeImport);
    expect(typeof zod.string).toBe("function");
  });

  it("turns a package that is not installed into a message naming the command and the fix", async () => {
    const error = await importOptional(pkg("@useralign/not-installed-anywhere"), nodeImport).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingPackageError);
    expect((error as Error).message).toBe(
      '"useralign serve" needs @useralign/not-installed-anywhere, which is not installed. npm install it.',
    );
  });

  it("rethrows a package missing inside the loaded one as it is (a broken install, not a missing peer)", async () => {
    const file = join(dir, "needs-missing.mjs");
    writeFileSync(file, 'import "@useralign/missing-inside";\nexport const x = 1;\n');
    const error = await importOptional(pkg(pathToFileURL(file).href), nodeImport).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(MissingPackageError);
    expect((error as Error).message).toContain("@useralign/missing-inside");
  });

  it("rethrows any other failure of the package's own code", async () => {
    const file = join(dir, "throws.mjs");
    writeFileSync(file, 'throw new Error("boom at load");\n');
    await expect(importOptional(pkg(pathToFileURL(file).href), nodeImport)).rejects.toThrow("boom at load");
  });
});
