/**
 * Each package's browser entry (its `exports` `import` condition, i.e. dist) bundles for
 * platform `browser`, where esbuild cannot resolve Node built-ins: a `node:` import reachable from
 * any export would fail the build. A control shows that such an import does fail it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { assertBuilt, BROWSER_PACKAGES, bundleForBrowser, PACKAGE_DIR } from "../src/bundle.js";

describe("browser bundles of the published packages", () => {
  for (const name of BROWSER_PACKAGES) {
    it(`${name}: every export bundles for the browser from dist, with no Node built-in`, async () => {
      assertBuilt([name]);
      const bundle = await bundleForBrowser({ contents: `export * from "${name}";`, resolveDir: PACKAGE_DIR });
      const dir = name.replace("@useralign/", "");
      expect(bundle.inputs.some((f) => f.startsWith(`../${dir}/dist/`))).toBe(true);
      expect(bundle.inputs.filter((f) => f.includes("/src/"))).toEqual([]);
      expect(bundle.inputs.filter((f) => f.startsWith("node:"))).toEqual([]);
      expect(bundle.bytes).toBeGreaterThan(1000);
    });
  }

  it("the check has teeth: a reachable node: import fails the browser build, naming it", async () => {
    await expect(
      bundleForBrowser({ contents: `export * from "@useralign/core"; export { readFileSync } from "node:fs";`, resolveDir: PACKAGE_DIR }),
    ).rejects.toThrow(/node:fs/);
  });

  it("assertBuilt names the missing build output and the command that makes it", () => {
    const nodeModules = mkdtempSync(join(tmpdir(), "useralign-unbuilt-"));
    try {
      mkdirSync(join(nodeModules, "@useralign", "unbuilt"), { recursive: true });
      const manifest = { name: "@useralign/unbuilt", exports: { ".": { import: "./dist/index.js" } } };
      writeFileSync(join(nodeModules, "@useralign", "unbuilt", "package.json"), JSON.stringify(manifest));
      expect(() => assertBuilt(["@useralign/unbuilt"], nodeModules)).toThrow(
        /unbuilt\/dist\/index\.js is missing\. Run `pnpm build` first/,
      );
      writeFileSync(
        join(nodeModules, "@useralign", "unbuilt", "package.json"),
        JSON.stringify({ ...manifest, exports: { ".": { import: "./package.json" } } }),
      );
      expect(() => assertBuilt(["@useralign/unbuilt"], nodeModules)).not.toThrow();
    } finally {
      rmSync(nodeModules, { recursive: true, force: true });
    }
  });
});
