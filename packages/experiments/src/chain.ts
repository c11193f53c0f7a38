import {
  createSession,
  restoreSession,
  type PairwiseUser,
  type ResultView,
  type SessionOptions,
  type SessionSnapshot,
  type UserAlignSession,
} from "@useralign/core";

/** What a user sees of the pool: ids and texts are passed to `compare` along with the features. */
export interface PoolView {
  readonly question?: string;
  readonly features: readonly (readonly number[])[];
  readonly ids?: readonly string[];
  readonly texts?: readonly string[];
}

/** A setting that changes between the sessions of a chain. */
export type ChainPatch = { epsilon: number } | { budget: number };

/** Hooks into a chain, called after every answered question (for traces). */
export interface ChainObserver {
  afterAnswer?(session: UserAlignSession): void;
}

function query(pool: PoolView, pair: readonly [number, number]) {
  const candidate = (index: number) => ({
    index,
    features: pool.features[index]!,
    ...(pool.ids ? { id: pool.ids[index]! } : {}),
    ...(pool.texts ? { text: pool.texts[index]! } : {}),
  });
  return { ...(pool.question ? { question: pool.question } : {}), first: candidate(pair[0]), second: candidate(pair[1]) };
}

/**
 * Runs the sessions `base + patches[k]` for every k, sharing one trajectory. The patches must be
 * ordered so that each session asks a prefix-extension of the previous one's questions: ε
 * descending (a session stopping at B ≤ ε asks the same questions as one with a smaller ε up to
 * that point) or budget ascending. When session k ends, session k+1 is restored from the snapshot
 * taken just before the step that ended it, with the patched setting — exactly the state an
 * independent session with that setting would have reached, because the session's decisions and
 * random draws, and the user's answers, are the same up to there. The user must be fresh, and
 * answers the questions of the whole chain in order. (Checked against independent sessions in
 * the tests.)
 */
export async function runChain(
  base: SessionOptions,
  patches: readonly ChainPatch[],
  user: PairwiseUser,
  pool: PoolView,
  observer: ChainObserver = {},
): Promise<ChainResult[]> {
  const results: ChainResult[] = [];
  let session = createSession({ ...base, ...patches[0] });
  // The state just before the step that is about to run. `answer()` runs the next step at once,
  // so this is built from the snapshot taken before the answer, plus the answer itself (an answer
  // changes nothing else: not the RNG, not the warm start).
  let before: SessionSnapshot = session.toJSON({ features: false });
  for (let k = 0; k < patches.length; k++) {
    if (k > 0) {
      const snap: SessionSnapshot = { ...before, settings: { ...before.settings, ...patches[k] } };
      session = restoreSession(snap, { features: base.features, ...(base.solver ? { solver: base.solver } : {}) });
    }
    let view = session.next();
    while (view.status === "question") {
      const asked = session.toJSON({ features: false });
      const winner = await user.compare(query(pool, view.pair));
      const loser = winner === view.pair[0] ? view.pair[1] : view.pair[0];
      view = session.answer(winner);
      before = { ...asked, history: [...asked.history, { winner, loser, replayed: false }], questions: asked.questions + 1, pending: null, result: null };
      observer.afterAnswer?.(session);
    }
    results.push(withCause(view, session));
  }
  return results;
}

/** One session to its end (the chain of one). */
export async function runSession(options: SessionOptions, user: PairwiseUser, pool: PoolView): Promise<ChainResult> {
  const session = createSession(options);
  let view = session.next();
  while (view.status === "question") view = session.answer(await user.compare(query(pool, view.pair)));
  return withCause(view, session);
}

/** A finished session, with how a `bound` stop came about. */
export interface ChainResult extends ResultView {
  /**
   * True when the session stopped because no y⁽²⁾ was left (every other candidate already paired
   * with y⁽¹⁾; SPEC step 8 counts that as B = 0), not because max V ≤ ε.
   */
  readonly noCandidate: boolean;
}

function withCause(view: ResultView, session: UserAlignSession): ChainResult {
  return { ...view, noCandidate: view.reason === "bound" && session.lastStep?.second === -1 };
}
