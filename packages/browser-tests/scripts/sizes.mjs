// Minified and gzipped sizes of the packages' browser bundles (docs/conic-kernels.md "In the
// browser"). Needs `pnpm build` first: the bundles are made from dist, as an application's are.
import { fileURLToPath } from "node:url";
import { kib, measureBundle } from "./measure-bundle.mjs";

const dir = fileURLToPath(new URL("..", import.meta.url));
const entries = [
  ["@useralign/conic (export *)", 'export * from "@useralign/conic";'],
  ["@useralign/core (export *)", 'export * from "@useralign/core";'],
  ["@useralign/solver-conic (export *)", 'export * from "@useralign/solver-conic";'],
  ["all three (export *)", 'export * from "@useralign/conic"; export * from "@useralign/core"; export * from "@useralign/solver-conic";'],
  ["the browser test's page", null],
];
console.log("| bundle | minified | gzip -9 | of which zod | WebAssembly (base64) |\n|---|---:|---:|---:|---:|");
for (const [name, contents] of entries) {
  const bundle = await measureBundle({
    ...(contents ? { stdin: { contents, resolveDir: dir, loader: "js" } } : { entryPoints: ["src/page-entry.ts"] }),
    absWorkingDir: dir,
  });
  console.log(
    `| ${name} | ${kib(bundle.minified)} | ${kib(bundle.gzip)} | ${kib(bundle.bytesFrom((f) => f.includes("/zod@")))} | ${kib(bundle.bytesFrom((f) => f.includes("wasm-binary")))} |`,
  );
}
