// Dumps status, iterations and SHA-1 of the bits of x, y, s (and the objectives) for every run-conic.js problem
// (clarabel) and every sweep problem (clarabel, ecos), on both kernel paths, to check that a change to the
// solver leaves every result bit-identical: run before and after, then `cmp` the two files.
//   node benchmarks/scripts/conic-result-bits.mjs /tmp/before.json
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { createClarabelSolver, createEcosSolver } from "@useralign/conic";
import { conicBenchProblems } from "../dist/conic-bench.js";
import { sweepProblems } from "../dist/conic-sweep.js";
const out = process.argv[2];
const h = (a) =>
  createHash("sha1")
    .update(Buffer.from(a.buffer, a.byteOffset, a.byteLength))
    .digest("hex");
const rec = {};
const clarabel = createClarabelSolver();
const ecos = createEcosSolver();
const put = (key, sol) => {
  rec[key] = `${sol.status} ${sol.iterations} ${h(sol.x)} ${h(sol.y)} ${h(sol.s)} ${sol.primalObjective} ${sol.dualObjective}`;
};
for (const kernels of ["ts", "wasm"]) {
  for (const p of conicBenchProblems(false)) put(`bench ${kernels} ${p.name}`, await clarabel.solve(p.problem, { kernels }));
  const range = (n) => Array.from({ length: n }, (_, k) => k + 1);
  for (const p of sweepProblems({ confidenceSeeds: range(60), randomSeeds: range(300) })) {
    for (const s of [clarabel, ecos]) put(`sweep ${kernels} ${s.name} ${p.set} ${p.label}`, await s.solve(p.problem, { kernels }));
  }
}
writeFileSync(out, JSON.stringify(rec, null, 0).replaceAll('","', '",\n"'));
console.log(Object.keys(rec).length, "records");
