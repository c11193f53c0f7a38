/**
 * The one interface every source of answers implements: simulated users (BTL, consistent), LLM
 * persona judges and people in the web app. A user sees two candidates and names the winner.
 */

/** One candidate as a user sees it: its index in the pool, and whatever a user may look at. */
export interface ComparisonCandidate {
  /** Index of the candidate in the pool. */
  readonly index: number;
  /** Stable id from the pool file, when there is one. */
  readonly id?: string;
  /** The response text (for image candidates: its caption). */
  readonly text?: string;
  /** Image reference (path or URL) for image candidates. */
  readonly image?: string;
  /** φ(y), scaled as the session's features. Simulators read it; LLM judges and people ignore it. */
  readonly features: ArrayLike<number>;
}

/** One pairwise question. */
export interface ComparisonQuery {
  /** The question the pool answers (what the person asked the model). */
  readonly question?: string;
  readonly first: ComparisonCandidate;
  readonly second: ComparisonCandidate;
}

/**
 * A user: given two candidates, returns the pool index of the one preferred. Implementations may
 * be synchronous (simulators) or asynchronous (an LLM judge over HTTP, a person in a browser).
 * Returning anything other than `query.first.index` or `query.second.index` is a malformed answer.
 */
export interface PairwiseUser {
  /** A short label for reports, e.g. `btl(theta#3)` or `persona:vegan`. */
  readonly name: string;
  compare(query: ComparisonQuery): number | Promise<number>;
}
