import { confidenceSetConic } from "./dist/conic-problems.js";
import { createClarabelSolver } from "@useralign/conic";
const s = createClarabelSolver();
const p = confidenceSetConic({ d: 10, t: 50, loss: "binding", seed: 10050 });
for (let i = 0; i < 40; i++) await s.solve(p, { kernels: "wasm" });
