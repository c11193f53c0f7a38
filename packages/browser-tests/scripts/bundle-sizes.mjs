// Browser bundle sizes of the core example and core + conic, minified and gzipped (esbuild), with the
// budget CI holds them to (issue 14): core example ≤ 50 KB gzip, core + conic ≤ 80 KB gzip.
// Needs `pnpm build` first: the bundles are made from dist, as an application's are.
// Usage: node scripts/bundle-sizes.mjs [--check] [--dir DIR]  (DIR: where @useralign/* resolve from)
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const dirFlag = args.indexOf("--dir");
const resolveDir = dirFlag >= 0 ? args[dirFlag + 1] : fileURLToPath(new URL("..", import.meta.url));
const check = args.includes("--check");

// The README's "library in 20 lines", and the same with the conic backend registered.
const coreExample = `
import { createSession, scaleFeatures } from "@useralign/core";
const features = scaleFeatures([[1, 0.2], [0.1, 1], [-0.8, 0.5], [0.6, -0.9], [0.9, 0.9]]);
const session = createSession({ features, seed: 42 });
let view = session.next();
while (view.status === "question") view = session.answer(view.pair[0]);
globalThis.result = [view.choice, JSON.stringify(session.toJSON())];
`;
const conicExample = `
import { createSession, createSolverRegistry, scaleFeatures } from "@useralign/core";
import { loadConicBackend } from "@useralign/solver-conic";
const registry = createSolverRegistry();
registry.register(await loadConicBackend("wasm"));
const features = scaleFeatures([[1, 0.2], [0.1, 1], [-0.8, 0.5], [0.6, -0.9], [0.9, 0.9]]);
const session = createSession({ features, solver: "conic", registry, tolerance: 1e-6 });
let view = session.next();
while (view.status === "question") view = session.answer(view.pair[0]);
globalThis.result = view.choice;
`;
const budgets = [
  ["core example", coreExample, 50 * 1024],
  ["core + conic", conicExample, 80 * 1024],
];
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
let failed = false;
console.log("| bundle | minified | gzip -9 | of which zod (min) | budget (gzip) |\n|---|---:|---:|---:|---:|");
for (const [name, contents, budget] of budgets) {
  const result = await build({
    stdin: { contents, resolveDir, loader: "js" },
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
  const zod = Object.entries(inputs).reduce((sum, [file, { bytesInOutput }]) => sum + (/[/\\]zod[@/]/.test(file) ? bytesInOutput : 0), 0);
  const gz = gzipSync(code, { level: 9 }).length;
  const over = gz > budget;
  failed ||= over;
  console.log(`| ${name} | ${kib(Buffer.byteLength(code))} | ${kib(gz)} | ${kib(zod)} | ${kib(budget)}${over ? " EXCEEDED" : ""} |`);
}
if (check && failed) {
  console.error("bundle-sizes: over budget");
  process.exit(1);
}
