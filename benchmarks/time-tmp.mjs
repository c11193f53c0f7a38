import { confidenceSetConic, sparseLp, sparseSocp } from "./dist/conic-problems.js";
import { createClarabelSolver } from "@useralign/conic";
const s = createClarabelSolver();
const probs = { ua: confidenceSetConic({ d: 10, t: 50, loss: "binding", seed: 10050 }), uaSlack: confidenceSetConic({ d: 10, t: 50, loss: "slack", seed: 10050 }) };
for (const [name, p] of Object.entries(probs)) for (const k of ["ts", "wasm", "ts", "wasm"]) {
  const ts = []; for (let i = 0; i < 15; i++) { const t = performance.now(); await s.solve(p, { kernels: k }); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b); console.log(name, k, ts[7].toFixed(2));
}
