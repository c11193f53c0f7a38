import { createSession, type PairwiseUser, type ResultView, type SessionOptions, type UserAlignSession } from "@useralign/core";

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
 * descending or budget ascending. When session k ends, core's `withSettings` puts session k+1 in
 * the state an independent session with its setting has at that point (and refuses any other
 * order). The user must be fresh, and answers the questions of the whole chain in order.
 * (Checked against independent sessions in the tests.)
 */
export async function runChain(
  base: SessionOptions,
  patches: readonly ChainPatch[],
  user: PairwiseUser,
  pool: PoolView,
  observer: ChainObserver = {},
): Promise<ResultView[]> {
  const results: ResultView[] = [];
  let session = createSession({ ...base, ...patches[0] });
  for (let k = 0; k < patches.length; k++) {
    if (k > 0) session = session.withSettings(patches[k]!);
    let view = session.next();
    while (view.status === "question") {
      view = session.answer(await user.compare(query(pool, view.pair)));
      observer.afterAnswer?.(session);
    }
    results.push(view);
  }
  return results;
}

/** One session to its end (the chain of one). */
export async function runSession(options: SessionOptions, user: PairwiseUser, pool: PoolView): Promise<ResultView> {
  const session = createSession(options);
  let view = session.next();
  while (view.status === "question") view = session.answer(await user.compare(query(pool, view.pair)));
  return view;
}
