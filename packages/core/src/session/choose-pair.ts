import { UserAlignError } from "../errors.js";
import type { Comparison } from "../preference-state.js";
import type { StepDecision } from "../step.js";
import type { PairMemory } from "./pair-memory.js";

/** The outcome of {@link choosePair}. */
export interface PairChoice {
  decision: StepDecision;
  /** Known answers re-added to the history during this choice. */
  replayed: number;
  /** True when answered partners of y⁽¹⁾ had to be excluded from y⁽²⁾. */
  excluded: boolean;
}

/** Re-adds of known answers allowed in one step before answered pairs are excluded outright. */
export const MAX_REPLAYS_PER_STEP = 25;

/**
 * SPEC step 7's rule that a person never sees a pair twice. Runs the step; while its y⁽²⁾ forms an
 * answered pair (and B is above `stopAt`):
 * - if y⁽¹⁾ lost that pair (the MLE ranks a known loser first — SPEC's case), the recorded answer
 *   is added to the history once more and the step recomputed, which moves θ̂ toward the winner;
 * - if y⁽¹⁾ won it, re-adding would only repeat the same step (this happens with UserAlign-loss,
 *   whose set ignores the answers' signs), so y⁽²⁾ is chosen among partners not yet paired with
 *   y⁽¹⁾ instead; likewise after {@link MAX_REPLAYS_PER_STEP} replays.
 */
export function choosePair(
  run: (exclude?: (j: number, first: number) => boolean) => StepDecision,
  memory: PairMemory,
  replay: (c: Comparison) => void,
  stopAt: number,
): PairChoice {
  let replayed = 0;
  let exclude: ((j: number, first: number) => boolean) | undefined;
  for (;;) {
    const decision = run(exclude);
    if (decision.second < 0 || decision.bound <= stopAt) return { decision, replayed, excluded: !!exclude };
    const known = memory.get(decision.first, decision.second);
    if (!known) return { decision, replayed, excluded: !!exclude };
    if (exclude) throw new UserAlignError("internal_error", "An excluded pair was selected; please report this with the session snapshot.");
    if (known.winner === decision.second && replayed < MAX_REPLAYS_PER_STEP) {
      replay(known);
      replayed++;
    } else {
      exclude = (j, first) => memory.has(j, first);
    }
  }
}
