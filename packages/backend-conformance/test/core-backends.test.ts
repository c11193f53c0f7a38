import { createGeneralBackend, createStructuredBackend } from "@useralign/core";
import { backendCases, describeConfidenceSetBackend, regressionCases } from "../src/index.js";

// The core's own backends run the suite plus the cases that once caught their bugs.
describeConfidenceSetBackend(createStructuredBackend(), { cases: [...backendCases, ...regressionCases] });
describeConfidenceSetBackend(createGeneralBackend(), { cases: [...backendCases, ...regressionCases] });
