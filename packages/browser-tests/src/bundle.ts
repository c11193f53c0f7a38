import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

/** This package's directory: esbuild resolves bare imports from its node_modules, as a user's project would. */
export const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));

/** The packages whose published ESM must run in a browser. */
export const BROWSER_PACKAGES = ["@useralign/conic", "@useralign/core", "@useralign/solver-conic"] as const;

/** A bundle built in memory. */
export interface BrowserBundle {
  readonly code: string;
  readonly bytes: number;
  /** Size after gzip -9, what a server would send. */
  readonly gzipBytes: number;
  /** Every file esbuild read, relative to {@link PACKAGE_DIR}. */
  readonly inputs: readonly string[];
}

/** What to bundle: a file, or module text resolved from a directory. */
export type BundleEntry =
  | { readonly file: string }
  | { readonly contents: string; readonly resolveDir: string; readonly loader?: "js" | "ts" };

/**
 * Bundles `entry` for the browser the way an application's bundler would: esbuild, platform
 * `browser` (so `node:` built-ins cannot resolve and fail the build), the packages' `exports`
 * resolved with the standard conditions only (`import`, `browser`, `default` — never the repo's
 * private `@useralign/source`, so the code comes from `dist`), minified, one ES module, in memory.
 */
export async function bundleForBrowser(entry: BundleEntry): Promise<BrowserBundle> {
  const result = await build({
    ...("file" in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, resolveDir: entry.resolveDir, sourcefile: "entry.js", loader: entry.loader ?? "js" } }),
    absWorkingDir: PACKAGE_DIR,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.text;
  return {
    code,
    bytes: Buffer.byteLength(code),
    gzipBytes: gzipSync(code, { level: 9 }).length,
    inputs: Object.keys(result.metafile.inputs),
  };
}

/**
 * Throws, naming the missing file, when a package's `exports` `import` target is absent: the
 * browser test exercises the built packages, so `pnpm build` must have run (the README's test
 * command builds first).
 */
export function assertBuilt(packages: readonly string[] = BROWSER_PACKAGES, nodeModules: string = join(PACKAGE_DIR, "node_modules")): void {
  for (const name of packages) {
    const manifestPath = join(nodeModules, name, "package.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { exports: { ".": { import: string } } };
    const target = join(dirname(manifestPath), manifest.exports["."].import);
    if (!existsSync(target))
      throw new Error(`${name}: ${target} is missing. Run \`pnpm build\` first: the browser test bundles the built packages.`);
  }
}
