import { createClarabelSolver } from "@useralign/conic";
import { afterAll } from "vitest";
import { describeConicBackend, type CaseResult } from "../src/index.js";

// The interior-point solver runs the suite at the default tolerances (1e-6), on both kernel paths.
// `almost_solved` (its reduced tolerance, reached when progress stalls) is accepted: the returned
// point must still pass every KKT check at 1e-6.
for (const kernels of ["wasm", "ts"] as const) {
  const results: CaseResult[] = [];
  describeConicBackend(createClarabelSolver(), { settings: { kernels }, allowAlmost: true, onResult: (r) => results.push(r) });
  afterAll(() => {
    const rows = results.map(
      (r) => `${r.case.name.padEnd(34)} ${r.verdict.padEnd(6)} ${String(r.solution?.iterations ?? "-").padStart(4)} it`,
    );
    console.log(`clarabel (${kernels} kernels) conformance:\n${rows.join("\n")}`);
  });
}
