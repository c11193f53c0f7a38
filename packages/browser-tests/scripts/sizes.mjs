// Minified and gzipped sizes of the packages' browser bundles (docs/conic-kernels.md "In the
// browser"). Needs `pnpm build` first: the bundles are made from dist, as an application's are.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const dir = fileURLToPath(new URL("..", import.meta.url));
const entries = [
  ["@useralign/conic (export *)", 'export * from "@useralign/conic";'],
  ["@useralign/core (export *)", 'export * from "@useralign/core";'],
  ["@useralign/solver-conic (export *)", 'export * from "@useralign/solver-conic";'],
  ["all three (export *)", 'export * from "@useralign/conic"; export * from "@useralign/core"; export * from "@useralign/solver-conic";'],
  ["the browser test's page", null],
];
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log("| bundle | minified | gzip -9 | of which zod | WebAssembly (base64) |\n|---|---:|---:|---:|---:|");
for (const [name, contents] of entries) {
  const result = await build({
    ...(contents ? { stdin: { contents, resolveDir: dir, loader: "js" } } : { entryPoints: ["src/page-entry.ts"] }),
    absWorkingDir: dir,
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    write: false,
    metafile: true,
  });
  const code = result.outputFiles[0].text;
  const inputs = Object.values(result.metafile.outputs)[0].inputs;
  const part = (test) => Object.entries(inputs).reduce((sum, [file, { bytesInOutput }]) => sum + (test(file) ? bytesInOutput : 0), 0);
  console.log(
    `| ${name} | ${kib(Buffer.byteLength(code))} | ${kib(gzipSync(code, { level: 9 }).length)} | ${kib(part((f) => f.includes("/zod@")))} | ${kib(part((f) => f.includes("wasm-binary")))} |`,
  );
}
