import { UserAlignError } from "../errors.js";
import type { Comparison } from "../preference-state.js";
import type { StepDecision } from "../step.js";
import type { PairMemory } from "./pair-memory.js";

/** The outcome of {@link choosePair}. */
export interface PairChoice {
  decision: StepDecision;
  /** Known answers re-added to the history during this choice. */
  replayed: number;
  /** True when answered partners of y⁽¹⁾ had to be excluded from y⁽²⁾ (`onLimit: "exclude"`). */
  excluded: boolean;
  /** True when the replay limit was reached with y⁽²⁾ still an answered partner (`onLimit: "stop"`). */
  limited: boolean;
}

/** Re-adds of known answers allowed in one stateless step (`useralign step`) before answered pairs are excluded. */
export const MAX_REPLAYS_PER_STEP = 25;

/** How {@link choosePair} bounds replays. */
export interface ReplayLimit {
  /** Replays allowed in this choice. */
  max: number;
  /**
   * What happens when they run out and y⁽²⁾ is still an answered partner: `stop` hands the
   * decision back with `limited` (a session ends on its step cap); `exclude` picks y⁽²⁾ among
   * partners not yet paired with y⁽¹⁾ (a stateless step must still name a pair).
   */
  onLimit: "stop" | "exclude";
}

/**
 * method.md step 7's rule that a person never sees a pair twice. Runs the step; while its y⁽²⁾ forms an
 * answered pair (and the stop rule `stops` does not end the step), the recorded answer is added to the history once more
 * and the step recomputed. This is what asking again would give with consistent answers; each
 * replay is a step (it counts toward a session's step cap) but not a question.
 *
 * With UserAlign the answered pair comes back only when the MLE ranks a known loser first, and a
 * replay or two moves θ̂ on. With UserAlign-loss it also comes back when y⁽¹⁾ won, because Θ_loss
 * ignores the answers' signs; each replay then tightens the loss constraint along that
 * comparison until another candidate's V overtakes it. That is the paper's behaviour: the loss
 * variant keeps stepping until the cap.
 */
export function choosePair(
  run: (exclude?: (j: number, first: number) => boolean) => StepDecision,
  memory: PairMemory,
  replay: (c: Comparison, at: StepDecision) => void,
  stops: (decision: StepDecision) => boolean,
  limit: ReplayLimit,
): PairChoice {
  let replayed = 0;
  let exclude: ((j: number, first: number) => boolean) | undefined;
  for (;;) {
    const decision = run(exclude);
    const done = (limited = false): PairChoice => ({ decision, replayed, excluded: !!exclude, limited });
    if (stops(decision)) return done();
    const known = memory.get(decision.first, decision.second);
    if (!known) return done();
    if (exclude) throw new UserAlignError("internal_error", "An excluded pair was selected; please report this with the session snapshot.");
    if (replayed < limit.max) {
      replay(known, decision);
      replayed++;
    } else if (limit.onLimit === "stop") {
      return done(true);
    } else {
      exclude = (j, first) => memory.has(j, first);
    }
  }
}
