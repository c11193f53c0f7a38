import { describeConicBackend } from "../src/index.js";
import { witnessSolver } from "./witness-solver.js";

// The three-line conformance test of docs/conformance.md, run on the hand-derived witnesses.
describeConicBackend(witnessSolver(), { tolerances: { feasibility: 1e-12, gap: 1e-12, objective: 1e-12, x: 1e-12, certificate: 1e-12 } });
// An LP-only solver must refuse every SOC/exp/QP case by naming the feature, and still pass the rest.
describeConicBackend(witnessSolver(["zero", "nonneg"], false));
