import { describeConfidenceSetBackend } from "@useralign/backend-conformance";
import { loadConicBackend } from "../src/index.js";
describeConfidenceSetBackend(await loadConicBackend("wasm"));
describeConfidenceSetBackend(await loadConicBackend("ts"));
