import {
  createSession,
  restoreSession,
  UserAlignError,
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
 * that point) or budget ascending. When session k ends, session k+1 continues from the state an
 * independent session with its setting has at that point — the session's decisions and random
 * draws, and the user's answers, are the same up to there (see {@link resumePoint}). The user must
 * be fresh, and answers the questions of the whole chain in order. (Checked against independent
 * sessions in the tests.)
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
  // The state at the start of the session's current step (`next()` runs a whole step: the
  // replays of SPEC step 7 and the pair or the stop). `answer()` runs the next step at once, so
  // after an answer this is the snapshot taken before it plus the answer itself (an answer
  // changes nothing else: not the RNG, not the warm start).
  let before: SessionSnapshot = session.toJSON({ features: false });
  for (let k = 0; k < patches.length; k++) {
    if (k > 0) {
      const from = resumePoint(session, before, patches[k - 1]!, patches[k]!, base.maxSteps ?? DEFAULT_MAX_STEPS);
      if (from === "same") {
        results.push(results[k - 1]!);
        continue;
      }
      before = { ...from, settings: { ...from.settings, ...patches[k] } };
      session = restoreSession(before, { features: base.features, ...(base.solver ? { solver: base.solver } : {}) });
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
    results.push(view);
  }
  return results;
}

/** Core's default `maxSteps`. */
const DEFAULT_MAX_STEPS = 199;

/**
 * Where the next session of a chain starts, given how the previous one (`session`, whose last
 * step started from `before`) ended:
 * - `same`: the next setting cannot change the outcome — a smaller ε after a stop that was not on
 *   the bound (the step cap: every B(t) > ε_k was also > ε_{k+1}), a larger budget after the pool
 *   ran out (`exhausted`) or when the step cap, not the budget, ended it;
 * - a budget stop in the middle of a step, after replays: if the step was cut because its viable
 *   y⁽²⁾ formed an answered pair and no steps were left, then with a larger budget the session
 *   replays that answer and recomputes the step. Resuming from the end state plus that replay avoids re-running the
 *   step's earlier replays (a long run of replays would otherwise cost quadratically over a
 *   budget grid);
 * - otherwise `before`: the last step is run again under the new setting.
 */
function resumePoint(session: UserAlignSession, before: SessionSnapshot, previous: ChainPatch, next: ChainPatch, maxSteps: number): SessionSnapshot | "same" {
  const view = session.next();
  if (view.status !== "done") throw new UserAlignError("internal_error", "A chained session was resumed before it finished.");
  if ("epsilon" in previous && "epsilon" in next) {
    return view.reason !== "bound" && next.epsilon <= previous.epsilon ? "same" : before;
  }
  if (!("budget" in previous && "budget" in next) || next.budget < previous.budget || session.method === "iidbest") return before;
  if (view.reason === "exhausted" || Math.min(maxSteps, next.budget) === Math.min(maxSteps, previous.budget)) return "same";
  const end = session.toJSON({ features: false });
  const step = session.lastStep;
  // Only a step whose y⁽²⁾ was viable (V > tolerance) and already answered goes on with a replay.
  if (view.reason !== "budget" || end.history.length <= before.history.length || !step || step.second < 0 || !(step.bound > session.settings.tolerance)) {
    return before;
  }
  const known = [...end.history].reverse().find((h) => !h.replayed && ((h.winner === step.first && h.loser === step.second) || (h.winner === step.second && h.loser === step.first)));
  if (!known) return before;
  return {
    ...end,
    history: [...end.history, { winner: known.winner, loser: known.loser, replayed: true }],
    replayed: end.replayed + 1,
    pending: null,
    result: null,
  };
}

/** One session to its end (the chain of one). */
export async function runSession(options: SessionOptions, user: PairwiseUser, pool: PoolView): Promise<ResultView> {
  const session = createSession(options);
  let view = session.next();
  while (view.status === "question") view = session.answer(await user.compare(query(pool, view.pair)));
  return view;
}
