import { backendCases, describeConfidenceSetBackend, regressionCases } from "@useralign/backend-conformance";
import { createHighsBackend } from "../src/index.js";
describeConfidenceSetBackend(await createHighsBackend(), { cases: [...backendCases, ...regressionCases] });
