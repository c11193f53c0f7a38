import { UserAlignError } from "../errors.js";
import type { SessionSettings, SettingsChange } from "../schemas.js";
import { stopsOnBound } from "../stop-rule.js";
import { adaptiveCaps, iidBudget } from "./caps.js";
import type { Result } from "./session-state.js";

/**
 * The settings after a legal change (`withSettings`): ε may only go down and the budget only up,
 * because only then does every decision taken so far stay what the new settings would take. A
 * budget can be raised only where one applies (fixed-budget mode, IIDBEST): giving an ε-mode
 * session a budget would change its mode. Throws `invalid_input` otherwise.
 */
export function nextSettings(settings: Readonly<SessionSettings>, change: SettingsChange): Readonly<SessionSettings> {
  const next: SessionSettings = { ...settings };
  if (change.epsilon !== undefined) {
    if (change.epsilon > settings.epsilon) {
      throw new UserAlignError(
        "invalid_input",
        `ε can only be lowered when a session continues (from ${settings.epsilon} to ${change.epsilon}).`,
        [{ path: ["epsilon"], message: `must be ≤ ${settings.epsilon}` }],
      );
    }
    next.epsilon = change.epsilon;
  }
  if (change.budget !== undefined) {
    const adaptive = settings.method === "useralign" || settings.method === "useralign-loss";
    const current = settings.method === "iidbest" ? iidBudget(settings) : settings.budget;
    if (adaptive && current === undefined) {
      throw new UserAlignError("invalid_input", "This session runs in ε mode (no budget); a budget would change its mode.", [
        { path: ["budget"], message: "no budget to raise" },
      ]);
    }
    if (current !== undefined && change.budget < current) {
      throw new UserAlignError(
        "invalid_input",
        `The budget can only be raised when a session continues (from ${current} to ${change.budget}).`,
        [{ path: ["budget"], message: `must be ≥ ${current}` }],
      );
    }
    next.budget = change.budget;
  }
  return next;
}

/**
 * Whether a finished session's result stands under the changed settings, so nothing needs to run
 * again: the stop was on the bound and B is still ≤ the new ε; the pool ran out; or the caps that
 * ended it are the same. ORACLE and RANDOM never depend on ε or a budget.
 */
export function outcomeUnchanged(
  before: Readonly<SessionSettings>,
  after: Readonly<SessionSettings>,
  result: Result,
  answeredPairs: number,
  n: number,
): boolean {
  switch (before.method) {
    case "random":
    case "oracle":
      return true;
    case "iidbest":
      return iidBudget(after) === iidBudget(before) || answeredPairs >= (n * (n - 1)) / 2;
    default: {
      if (result.reason === "exhausted") return true;
      if (result.reason === "bound")
        return result.bound !== null && stopsOnBound({ second: 0, bound: result.bound }, after.epsilon, after.tolerance);
      const a = adaptiveCaps(before);
      const b = adaptiveCaps(after);
      return a.questions === b.questions && a.steps === b.steps;
    }
  }
}
