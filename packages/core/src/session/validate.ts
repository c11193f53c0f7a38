import { UserAlignError } from "../errors.js";
import { assertFeatureScale, type FeatureMatrix } from "../features.js";
import type { SessionSettings } from "../schemas.js";
import { stopsOnBound } from "../stop-rule.js";
import { adaptiveCaps, capReached, capReason, iidBudget } from "./caps.js";
import { PreferenceState } from "../preference-state.js";
import { PairMemory } from "./pair-memory.js";
import type { SessionRecord } from "./session-state.js";

type Path = (string | number)[];

function fail(path: Path, message: string, detail: string): never {
  throw new UserAlignError("invalid_input", `Invalid session state at ${path.join(".") || "(root)"}: ${message}.`, [
    { path, message: detail },
  ]);
}

/** ORACLE's choice: argmax ⟨θ*, φ⟩, ties to the lowest index. */
export function oracleChoice(theta: readonly number[], pool: FeatureMatrix): number {
  const { data, n, d } = pool;
  let best = 0;
  let bestScore = -Infinity;
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let k = 0; k < d; k++) s += theta[k]! * data[j * d + k]!;
    if (s > bestScore) {
      bestScore = s;
      best = j;
    }
  }
  return best;
}

/**
 * The one check of a session's state, run by `createSession` (on the empty record) and by
 * `restoreSession` (on the snapshot's): the settings against the pool (oracle θ* length, feature
 * scale), and a record that the method could have produced — indices in range, winner ≠ loser,
 * no pair answered twice, replays that repeat an earlier answer, question numbers and counts that
 * match the history, caps respected, a pending question or a result (never both) consistent with
 * the settings and the history, RNG words and warm starts of the right shape. Throws
 * `invalid_input` with the path of the first problem. Returns the answered pairs and the
 * incremental state of the history, built along the way.
 *
 * What it cannot check without re-running the solver (which pair or bound a step computed, the
 * RNG's position) is covered by the snapshot's `check`.
 */
export function validateRecord(
  settings: Readonly<SessionSettings>,
  pool: FeatureMatrix,
  record: SessionRecord,
  options: {
    /** The counts a snapshot states, checked against its history. */
    counts?: { questions: number; replayed: number };
    /** Format 1: no `stepStart` to require. */
    legacy?: boolean;
    /** The pool was checked already (a fork of a live session): skip the O(N²·d) worst case of the scale check. */
    poolChecked?: boolean;
  } = {},
): { memory: PairMemory; state: PreferenceState } {
  validateSettings(settings, pool, !options.poolChecked);
  const memory = new PairMemory(pool.n);
  const state = new PreferenceState(pool.data, pool.n, pool.d);
  const method = settings.method;
  const adaptive = method === "useralign" || method === "useralign-loss";
  const index = (i: number, path: Path) => {
    if (!Number.isInteger(i) || i < 0 || i >= pool.n)
      fail(path, `index ${i} is out of range for a pool of ${pool.n} candidates`, "out of range");
  };
  let questions = 0;
  let replayed = 0;
  let lastAnswer = -1;
  record.history.forEach((h, k) => {
    index(h.winner, ["history", k, "winner"]);
    index(h.loser, ["history", k, "loser"]);
    if (h.winner === h.loser) fail(["history", k], `compares candidate ${h.winner} with itself`, "winner equals loser");
    if (h.bound !== null && !Number.isFinite(h.bound)) fail(["history", k, "bound"], "not a finite number", "not finite");
    const known = memory.get(h.winner, h.loser);
    if (h.replayed) {
      if (!adaptive) fail(["history", k, "replayed"], `method ${method} never replays answers`, "no replays");
      if (!known || known.winner !== h.winner)
        fail(["history", k], `replays ${h.winner} over ${h.loser}, which was never answered`, "replay of an unknown answer");
      if (h.question !== memory.question(h.winner, h.loser))
        fail(["history", k, "question"], `a replay carries the number of the answer it repeats`, "wrong question number");
      replayed++;
      state.add(h);
      return;
    }
    if (known) fail(["history", k], `asks the pair {${h.winner}, ${h.loser}} a second time`, "pair asked twice");
    if (h.question !== questions + 1)
      fail(["history", k, "question"], `expected question ${questions + 1}, got ${h.question}`, "wrong question number");
    if (method === "iidbest" && h.bound !== null) fail(["history", k, "bound"], "IIDBEST has no bound", "must be null");
    memory.record(h, h.question);
    state.add(h);
    questions++;
    lastAnswer = k;
  });
  const { counts } = options;
  if (counts && counts.questions !== questions)
    fail(["questions"], `${counts.questions} questions stated, ${questions} answers in the history`, "count mismatch");
  if (counts && counts.replayed !== replayed)
    fail(["replayed"], `${counts.replayed} replays stated, ${replayed} in the history`, "count mismatch");
  validateWords(record.rng, ["rng"]);
  validateWarmStart(record.warmStart, state.rank, settings.S, ["warmStart"]);
  const { pending, result, stepStart } = record;
  if (pending && result) fail(["pending"], "a session has a pending question or a result, not both", "both set");
  // Format 1 did not record where a step started; format 2 always has it once a step has run.
  if ((pending || result) && !stepStart && !options.legacy)
    fail(["stepStart"], "a session that ran a step records where it started", "missing");
  if (stepStart) {
    validateWords(stepStart.rng, ["stepStart", "rng"]);
    validateWarmStart(stepStart.warmStart, state.rank, settings.S, ["stepStart", "warmStart"]);
    if (stepStart.history !== lastAnswer + 1)
      fail(["stepStart", "history"], `a step starts right after the last answer (entry ${lastAnswer + 1})`, "wrong step start");
  }
  const steps = record.history.length;
  if (method === "random" || method === "oracle") {
    if (steps > 0) fail(["history"], `method ${method} asks no questions`, "must be empty");
    if (pending) fail(["pending"], `method ${method} asks no questions`, "must be null");
  }
  if (method === "iidbest" && questions > iidBudget(settings))
    fail(["history"], `IIDBEST asked ${questions} questions, more than its budget ${iidBudget(settings)}`, "over budget");
  const caps = adaptiveCaps(settings);
  if (adaptive && (questions > caps.questions || steps > caps.steps)) {
    fail(
      ["history"],
      `${questions} questions and ${steps} steps exceed the caps (${caps.questions} questions, ${caps.steps} steps)`,
      "over the caps",
    );
  }
  if (pending) {
    index(pending.pair[0], ["pending", "pair", 0]);
    index(pending.pair[1], ["pending", "pair", 1]);
    const [a, b] = pending.pair;
    if (a === b) fail(["pending", "pair"], `pairs candidate ${a} with itself`, "same candidate twice");
    if (memory.has(a, b)) fail(["pending", "pair"], `the pair {${a}, ${b}} was already answered`, "pair asked twice");
    if (pending.question !== questions + 1) fail(["pending", "question"], `expected question ${questions + 1}`, "wrong question number");
    if (method === "iidbest") {
      if (pending.bound !== null || !pending.random)
        fail(["pending"], "IIDBEST's questions are random pairs without a bound", "bound null, random true");
      if (questions >= iidBudget(settings)) fail(["pending"], "IIDBEST's budget is spent", "no question left");
    } else {
      if (pending.bound === null || !Number.isFinite(pending.bound))
        fail(["pending", "bound"], "an adaptive question carries B(t)", "must be a number");
      if (capReached(caps, questions, steps)) fail(["pending"], "the caps allow no further question", "no question left");
      if (!caps.fixed && (pending.random || stopsOnBound({ second: b, bound: pending.bound }, settings.epsilon, settings.tolerance))) {
        fail(["pending"], `a question is asked only while B(t) > ε (B = ${pending.bound}, ε = ${settings.epsilon})`, "should have stopped");
      }
      // Fixed-budget mode draws y⁽²⁾ at random exactly when no viable candidate (V > tolerance) is left.
      if (caps.fixed && pending.random !== stopsOnBound({ second: b, bound: pending.bound }, 0, settings.tolerance)) {
        fail(
          ["pending", "random"],
          "in fixed-budget mode y⁽²⁾ is random exactly when no candidate is viable",
          "random flag and bound disagree",
        );
      }
    }
  }
  if (result) validateResult(settings, pool, result, questions, steps);
  return { memory, state };
}

function validateResult(
  settings: Readonly<SessionSettings>,
  pool: FeatureMatrix,
  result: NonNullable<SessionRecord["result"]>,
  questions: number,
  steps: number,
): void {
  const { method } = settings;
  if (!Number.isInteger(result.choice) || result.choice < 0 || result.choice >= pool.n) {
    fail(["result", "choice"], `choice ${result.choice} is out of range for a pool of ${pool.n} candidates`, "out of range");
  }
  if (result.bound !== null && !Number.isFinite(result.bound)) fail(["result", "bound"], "not a finite number", "not finite");
  const expect = (ok: boolean, message: string) => ok || fail(["result"], message, "inconsistent result");
  if (method === "random" || method === "oracle") {
    expect(result.reason === "immediate" && result.bound === null, `method ${method} returns at once, without a bound`);
    if (method === "oracle") expect(result.choice === oracleChoice(settings.theta!, pool), "ORACLE returns argmax ⟨θ*, φ⟩");
    return;
  }
  if (method === "iidbest") {
    expect(result.reason === "budget" && result.bound === null, "IIDBEST ends on its budget, without a bound");
    expect(
      questions >= iidBudget(settings) || 2 * questions >= pool.n * (pool.n - 1),
      "IIDBEST ends when its budget is spent or every pair was asked",
    );
    return;
  }
  const caps = adaptiveCaps(settings);
  switch (result.reason) {
    case "bound":
      expect(
        !caps.fixed && result.bound !== null && stopsOnBound({ second: 0, bound: result.bound }, settings.epsilon, settings.tolerance),
        "a stop on the bound needs B(t) ≤ ε",
      );
      return;
    case "exhausted":
      expect(
        caps.fixed && result.bound !== null && result.bound >= 0 && result.bound <= settings.tolerance,
        "the pool runs out only in fixed-budget mode, with no viable candidate",
      );
      return;
    case "step-cap":
    case "budget":
      expect(result.bound === null && result.reason === capReason(settings, questions), `this session cannot end on "${result.reason}"`);
      // Also when a step's replays run into the step cap: that too leaves the cap reached.
      expect(capReached(caps, questions, steps), "a cap ends a session only when reached");
      return;
    case "immediate":
      expect(false, "adaptive methods do not return at once");
  }
}

function validateSettings(settings: Readonly<SessionSettings>, pool: FeatureMatrix, checkScale: boolean): void {
  if (checkScale && settings.checkScale) assertFeatureScale(pool);
  if (settings.method !== "oracle") return;
  if (!settings.theta) {
    throw new UserAlignError("invalid_input", "The oracle method needs `theta`, the user's preference vector θ*.", [
      { path: ["theta"], message: "required for method oracle" },
    ]);
  }
  if (settings.theta.length !== pool.d) {
    throw new UserAlignError("invalid_input", `theta has length ${settings.theta.length}, but the features have dimension ${pool.d}.`, [
      { path: ["theta"], message: `expected length ${pool.d}` },
    ]);
  }
}

function validateWords(words: readonly number[], path: Path): void {
  if (words.length !== 4 || words.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff))
    fail(path, "the RNG state is four 32-bit unsigned integers", "bad RNG state");
}

function validateWarmStart(alpha: Float64Array, rank: number, S: number, path: Path): void {
  // θ̂ = Qᵀα lives in span(Z): α has at most rank(Z) coordinates.
  if (alpha.length > rank) fail(path, `the MLE warm start has ${alpha.length} coordinates, more than rank(Z) = ${rank}`, "too long");
  let sq = 0;
  for (const a of alpha) {
    if (!Number.isFinite(a)) fail(path, "the MLE warm start must be finite", "not finite");
    sq += a * a;
  }
  // θ̂ lies in the ball ‖θ‖ ≤ S (method.md step 2); the slack covers the MLE's rounding.
  if (Math.sqrt(sq) > S * (1 + 1e-6)) fail(path, `the MLE warm start has norm ${Math.sqrt(sq)} > S = ${S}`, "outside the ball");
}
