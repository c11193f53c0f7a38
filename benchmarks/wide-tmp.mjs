import { sparseLp, sparseSocp } from "./dist/conic-problems.js";
import { createClarabelSolver } from "@useralign/conic";
const s = createClarabelSolver();
for (const [name, p] of [["lp3000w150", sparseLp(2000, 1600, 8, 5, 80)], ["socp3000w150", sparseSocp(2000, 600, 4, 6, 6, 80)]])
for (const k of ["ts", "wasm", "ts", "wasm"]) { const t = performance.now(); const r = await s.solve(p, { kernels: k }); console.log(name, k, r.status, r.iterations, (performance.now()-t).toFixed(0)); }
