// One browser bundle measured the way an application would ship it (esbuild, ESM, minified, from the
// packages' dist): its minified and gzip -9 sizes, and how many output bytes came from given inputs.
// Shared by sizes.mjs (the per-package table of docs/conic-kernels.md) and bundle-sizes.mjs (the
// issue-14 budgets).
import { build } from "esbuild";
import { gzipSync } from "node:zlib";

/** `source`: esbuild's `stdin` or `entryPoints` plus `absWorkingDir`, whatever names the bundle. */
export async function measureBundle(source) {
  const result = await build({
    ...source,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    metafile: true,
  });
  const code = result.outputFiles[0].text;
  const inputs = Object.entries(Object.values(result.metafile.outputs)[0].inputs);
  return {
    minified: Buffer.byteLength(code),
    gzip: gzipSync(code, { level: 9 }).length,
    /** Output bytes from the inputs whose path passes `test`. */
    bytesFrom: (test) => inputs.reduce((sum, [file, { bytesInOutput }]) => sum + (test(file) ? bytesInOutput : 0), 0),
  };
}

export const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
