import { createScsSolver } from "@useralign/conic";
import { afterAll } from "vitest";
import { describeConicBackend, uniformTolerances, type CaseResult } from "../src/index.js";

// The first-order solver of @useralign/conic runs the suite at 1e-4 (it lives here, not in
// packages/conic, because the suite depends on @useralign/conic: the reverse edge would be a cycle).
const results: CaseResult[] = [];
describeConicBackend(createScsSolver(), { tolerances: uniformTolerances(1e-4), onResult: (r) => results.push(r) });

afterAll(() => {
  const rows = results.map(
    (r) => `${r.case.name.padEnd(34)} ${r.verdict.padEnd(6)} ${String(r.solution?.iterations ?? "-").padStart(6)} it`,
  );
  console.log(`scs conformance (iterations per case):\n${rows.join("\n")}`);
});

// The dense normal-matrix path of the same solver (a cross-check of the sparse LDLᵀ path).
describeConicBackend(createScsSolver({ settings: { linearSystem: "dense" } }), { tolerances: uniformTolerances(1e-4) });
