// Browser bundle sizes of the core example and core + conic, minified and gzipped (esbuild), with the
// budget CI holds them to (issue 14): core example ≤ 50 KB gzip, core + conic ≤ 80 KB gzip.
// Needs `pnpm build` first: the bundles are made from dist, as an application's are.
// Usage: node scripts/bundle-sizes.mjs [--check] [--dir DIR]  (DIR: where @useralign/* resolve from)
import { fileURLToPath } from "node:url";
import { kib, measureBundle } from "./measure-bundle.mjs";

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
let failed = false;
console.log("| bundle | minified | gzip -9 | of which zod (min) | budget (gzip) |\n|---|---:|---:|---:|---:|");
for (const [name, contents, budget] of budgets) {
  const bundle = await measureBundle({ stdin: { contents, resolveDir, loader: "js" } });
  const zod = bundle.bytesFrom((file) => /[/\\]zod[@/]/.test(file));
  const gz = bundle.gzip;
  const over = gz > budget;
  failed ||= over;
  console.log(`| ${name} | ${kib(bundle.minified)} | ${kib(gz)} | ${kib(zod)} | ${kib(budget)}${over ? " EXCEEDED" : ""} |`);
}
if (check && failed) {
  console.error("bundle-sizes: over budget");
  process.exit(1);
}
