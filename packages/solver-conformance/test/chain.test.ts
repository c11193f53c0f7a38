import { createDefaultChain, createScsSolver } from "@useralign/conic";
import { describeConicBackend } from "../src/index.js";

// The default fallback chain clarabel → ecos → scs, judged at the interior-point tolerances
// (the first member answers every case; scs only steps in after a numerical failure).
describeConicBackend(createDefaultChain({ scs: createScsSolver() }));
