import { createDefaultChain, createScsSolver } from "@useralign/conic";
import { describeConicBackend } from "../src/index.js";

// The default fallback chain clarabel → ecos → scs, judged at the interior-point tolerances
// (the first member answers every case; scs only steps in after a numerical failure). As for
// clarabel alone, almost_* statuses are accepted and must pass every KKT check at 1e-6.
describeConicBackend(createDefaultChain({ scs: createScsSolver() }), { allowAlmost: true });
