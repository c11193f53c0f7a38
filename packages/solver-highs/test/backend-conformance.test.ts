import { describeConfidenceSetBackend } from "@useralign/backend-conformance";
import { createHighsBackend } from "../src/index.js";
describeConfidenceSetBackend(await createHighsBackend());
