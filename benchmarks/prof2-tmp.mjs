import { sparseLp, sparseSocp } from "./dist/conic-problems.js";
import { createClarabelSolver } from "@useralign/conic";
const s = createClarabelSolver();
const p = process.argv[2] === "socp" ? sparseSocp(5000, 1500, 4, 5, 4) : sparseLp(5000, 4000, 6, 2);
for (let i = 0; i < 4; i++) { const t = performance.now(); await s.solve(p, { kernels: process.argv[3] ?? "wasm" }); console.log((performance.now()-t).toFixed(0)); }
