import { UserAlignError } from "./errors.js";
import { assertFeatureScale, toFeatureMatrix } from "./features.js";
import { PreferenceState } from "./preference-state.js";
import { resolveBackend, type BackendChoice } from "./resolve-backend.js";
import { Rng } from "./rng.js";
import { parseOrThrow, stepInputSchema } from "./schemas.js";
import { PairMemory } from "./session/pair-memory.js";
import { choosePair, MAX_REPLAYS_PER_STEP } from "./session/choose-pair.js";
import { computeStep, type StepDecision } from "./step.js";
import { STOP_TOLERANCE, stopsOnBound } from "./stop-rule.js";

/** The output of `useralign step --json` (method.md "Contracts"). */
export interface StepReport {
  theta_hat: number[];
  first: number;
  second: number | null;
  bound: number;
  stop: boolean;
  /** V_j for every candidate j ≠ first, keyed by index. */
  values: Record<string, number>;
}

/**
 * One step of SPEC on a given history, with every V_j computed exactly: the engine behind
 * `useralign step`. At t = 0 the first response is drawn with the seeded RNG exactly as a session
 * with the same seed would. The replay rule of method.md step 7 applies as in a session (`replayed`
 * counts the re-added answers; it is not part of the printed contract). Throws `invalid_input` for
 * malformed input, out-of-range indices or a `backend` that is not one (`solver` is its deprecated
 * alias), `backend_not_found` for an unknown backend name.
 */
export function evaluateStep(
  input: unknown,
  options: BackendChoice = {},
): { report: StepReport; decision: StepDecision; replayed: number } {
  const parsed = parseOrThrow(stepInputSchema, input, "step input");
  const pool = toFeatureMatrix(parsed.features);
  assertFeatureScale(pool);
  const state = new PreferenceState(pool.data, pool.n, pool.d);
  const memory = new PairMemory(pool.n);
  parsed.comparisons.forEach((c, k) => {
    for (const key of ["winner", "loser"] as const) {
      if (c[key] >= pool.n) {
        throw new UserAlignError("invalid_input", `comparisons[${k}].${key} = ${c[key]} is out of range for ${pool.n} candidates.`, [
          { path: ["comparisons", k, key], message: "out of range" },
        ]);
      }
    }
    if (c.winner === c.loser) {
      throw new UserAlignError("invalid_input", `comparisons[${k}] compares candidate ${c.winner} with itself.`, [
        { path: ["comparisons", k], message: "winner equals loser" },
      ]);
    }
    state.add(c);
    memory.record(c);
  });
  if (typeof options !== "object" || options === null) {
    throw new UserAlignError("invalid_input", "evaluateStep options must be an object.", [{ path: [], message: "not an object" }]);
  }
  const backend = resolveBackend(options);
  const rng = Rng.fromSeed(parsed.seed);
  const settings = {
    S: parsed.S,
    delta: parsed.delta,
    kind: parsed.method === "useralign-loss" ? ("loss" as const) : ("practical" as const),
    backend,
    mode: "all" as const,
    tieTolerance: STOP_TOLERANCE,
    drawFirst: () => rng.int(pool.n),
  };
  let warmStart: Float64Array | undefined;
  let lastWarm: Float64Array | undefined;
  const { decision, replayed, excluded } = choosePair(
    (exclude) => {
      lastWarm = warmStart;
      const d = computeStep(state, { ...settings, ...(warmStart ? { warmStart } : {}), ...(exclude ? { exclude } : {}) });
      warmStart = d.alpha;
      return d;
    },
    memory,
    (known) => state.add(known),
    (d) => stopsOnBound(d, parsed.epsilon),
    { max: MAX_REPLAYS_PER_STEP, onLimit: "exclude" },
  );
  // The contract prints V_j for every j ≠ first, including partners excluded from y⁽²⁾.
  const all = excluded ? computeStep(state, { ...settings, ...(lastWarm ? { warmStart: lastWarm } : {}) }).values : decision.values;
  const values: Record<string, number> = {};
  for (let j = 0; j < pool.n; j++) if (j !== decision.first) values[String(j)] = all[j]!;
  const report: StepReport = {
    theta_hat: Array.from(state.basis.expand(decision.alpha)),
    first: decision.first,
    second: decision.second < 0 ? null : decision.second,
    bound: decision.bound,
    stop: stopsOnBound(decision, parsed.epsilon),
    values,
  };
  return { report, decision, replayed };
}
