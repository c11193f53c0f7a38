// The backend author's API as the main entry exported it before `@useralign/core/backend`
// existed: kept for one release so that backend packages built against it keep compiling.
import { beats as backendBeats, maximizeEach as backendMaximizeEach } from "./backend.js";
import type * as backend from "./backend.js";
import type * as confidenceSet from "./confidence-set.js";

/** @deprecated Import from `@useralign/core/backend`; this re-export goes away in the next minor release. */
export const beats: typeof backendBeats = backendBeats;
/** @deprecated Import from `@useralign/core/backend`; this re-export goes away in the next minor release. */
export const maximizeEach: typeof backendMaximizeEach = backendMaximizeEach;
/** @deprecated Import from `@useralign/core/backend`; this re-export goes away in the next minor release. */
export type MaximizeRequest = backend.MaximizeRequest;
/** @deprecated Import from `@useralign/core/backend`; this re-export goes away in the next minor release. */
export type MaximizeResult = backend.MaximizeResult;
/** @deprecated Import from `@useralign/core/backend`; this re-export goes away in the next minor release. */
export type ConfidenceSetProblem = confidenceSet.ConfidenceSetProblem;
/** @deprecated Import from `@useralign/core/backend`; this re-export goes away in the next minor release. */
export type CandidateDirections = confidenceSet.CandidateDirections;
/** @deprecated Import from `@useralign/core/backend`; this re-export goes away in the next minor release. */
export type ConfidenceSetKind = confidenceSet.ConfidenceSetKind;
