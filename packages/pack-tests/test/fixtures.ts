// The consumer files the pack-install test writes into its clean project.

/** A browser page's program: the default, conic and highs backends on one pool; prints a JSON line. */
export const BROWSER_ENTRY = `
import { createSession, createSolverRegistry, scaleFeatures } from "@useralign/core";
import { loadConicBackend } from "@useralign/solver-conic";
import { registerHighs } from "@useralign/solver-highs";

const features = scaleFeatures([[1, 0.2], [0.1, 1], [-0.8, 0.5], [0.6, -0.9], [0.9, 0.9]]);
const registry = createSolverRegistry();
registry.register(await loadConicBackend("wasm"));
const highs = await registerHighs(registry, globalThis.highsRuntime ? { runtime: await globalThis.highsRuntime() } : {});
const picks = {};
for (const solver of ["structured", "conic", "highs"]) {
  const session = createSession({ features, solver, registry, seed: 1, tolerance: 1e-6 });
  let view = session.next();
  // a person who prefers the second axis
  while (view.status === "question") view = session.answer(features[view.pair[0]][1] >= features[view.pair[1]][1] ? view.pair[0] : view.pair[1]);
  picks[solver] = view.choice;
}
highs.dispose();
globalThis.result = picks;
console.log(JSON.stringify(picks));
`;

/** Vite's entry: the same program, with the HiGHS wasm located through Vite's asset URL. */
export const VITE_ENTRY = `
import loadHighsRuntime from "highs";
import highsWasm from "highs/runtime?url";
globalThis.highsRuntime = () => loadHighsRuntime({ locateFile: () => highsWasm });
await import("./program.js");
`;

/** A CommonJS TypeScript consumer (compiled to require() calls under module nodenext). */
export const CTS_CONSUMER = `
import { createSession, isUserAlignError, scaleFeatures, UserAlignError } from "@useralign/core";
import { createHashingEmbedder } from "@useralign/embeddings";
import { parsePool } from "@useralign/domains";

const features: number[][] = scaleFeatures([[1, 0], [0, 1], [0.5, 0.5]]);
const session = createSession({ features, seed: 1 });
const view = session.next();
if (view.status === "question") {
  const [a, b]: readonly [number, number] = view.pair;
  session.answer(a < b ? a : b);
}
try {
  session.answer(99);
} catch (e) {
  if (isUserAlignError(e) && e instanceof UserAlignError) console.log(e.code);
}
export const embedder = createHashingEmbedder();
export const parse: typeof parsePool = parsePool;
`;
