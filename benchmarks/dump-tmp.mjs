import { conicBenchProblems } from "./dist/conic-bench.js";
import { createClarabelSolver, createEcosSolver } from "@useralign/conic";
import { writeFileSync } from "node:fs";
const out = {};
for (const s of [createClarabelSolver(), createEcosSolver()])
for (const p of conicBenchProblems(true)) for (const k of ["ts"]) { const r = await s.solve(p.problem, { kernels: k }); out[s.name + p.name + k] = { st: r.status, it: r.iterations, x: Array.from(r.x), y: Array.from(r.y) }; }
writeFileSync(process.argv[2], JSON.stringify(out));
