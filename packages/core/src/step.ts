import type { ConfidenceSetBackend } from "./backend.js";
import { confidenceRadius } from "./beta.js";
import { UserAlignError } from "./errors.js";
import { lossMayBind, type ConfidenceSetKind, type ConfidenceSetProblem } from "./confidence-set.js";
import type { PreferenceState } from "./preference-state.js";
import { fitMle } from "./solver/mle.js";

/** Settings of one step computation. */
export interface StepSettings {
  S: number;
  delta: number;
  kind: ConfidenceSetKind;
  backend: ConfidenceSetBackend;
  /** `all` computes V_j for every candidate; `best` only what y⁽²⁾ and B need. */
  mode: "all" | "best";
  tieTolerance: number;
  /** Candidates never offered as y⁽²⁾ (besides y⁽¹⁾ itself); their values are left NaN. */
  exclude?: (j: number, first: number) => boolean;
  /** Skip y⁽²⁾ entirely (at the step cap only θ̂ and y⁽¹⁾ are needed). */
  firstOnly?: boolean;
  /** MLE warm start α (from the previous step). */
  warmStart?: ArrayLike<number>;
  /** Draws y⁽¹⁾ at t = 0, when every score ties. */
  drawFirst: () => number;
  now?: () => number;
}

/** Everything one step of SPEC computes. */
export interface StepDecision {
  /** Number of comparisons t in the history, repeats included (Σ of the rows' weights). */
  t: number;
  /** α̂ (θ̂ = Qᵀα̂). */
  alpha: Float64Array;
  /** L(θ̂). */
  loss: number;
  /** β_t. */
  beta: number;
  /** y⁽¹⁾. */
  first: number;
  /** y⁽²⁾ or −1 when no candidate remains. */
  second: number;
  /** B(t) = V(y⁽²⁾) (0 when no candidate remains). */
  bound: number;
  /** V_j per candidate (NaN for y⁽¹⁾, excluded ones and, in `best` mode, candidates pruned). */
  values: Float64Array;
  /** Whether `values[j]` is exact. */
  exact: Uint8Array;
  /** Whether the loss constraint could bind this step (the general path ran). */
  lossMayBind: boolean;
  /** Exact candidate solves performed. */
  solves: number;
  /** Wall time of the parts of the step (SPEC Table 8's breakdown), in milliseconds. */
  timings: { mleMs: number; firstMs: number; secondMs: number };
}

// `performance` exists in browsers, workers and Node, but is not in the ES library types.
const perf = (globalThis as { performance?: { now(): number } }).performance;
const defaultNow = () => (perf ? perf.now() : Date.now());

/** method.md steps 1–8 (without the stopping decision, which belongs to the session). */
export function computeStep(state: PreferenceState, settings: StepSettings): StepDecision {
  const now = settings.now ?? defaultNow;
  const t0 = now();
  // β_t counts every history entry (method.md step 3); the rows are the distinct ones.
  const t = state.total;
  const rank = state.rank;
  const mle = fitMle(state, rank, settings.S, settings.warmStart);
  // A capped MLE is still the best point found (its KKT residual says how close); a failed one
  // could not even factor its Hessian, and no decision may rest on it.
  if (mle.status === "failed")
    throw new UserAlignError(
      "internal_error",
      `The MLE θ̂ failed after ${mle.iterations} iterations (a ball-constrained Newton model could not be factored).`,
    );
  const t1 = now();

  let first: number;
  if (t === 0) {
    first = settings.drawFirst();
  } else {
    const scores = state.scores(mle.alpha);
    first = 0;
    for (let j = 1; j < state.n; j++) if (scores[j]! > scores[first]!) first = j;
  }
  const t2 = now();

  const beta = confidenceRadius(t, state.d, settings.S, settings.delta);
  const lossLevel = mle.loss + beta;
  const mayBind = lossMayBind(settings.kind, state, state.gram, state.gramStride, settings.S, lossLevel);
  const values = new Float64Array(state.n).fill(NaN);
  const exact = new Uint8Array(state.n);
  let second = -1;
  let bound = 0;
  let solves = 0;
  if (!settings.firstOnly) {
    const problem: ConfidenceSetProblem = {
      kind: settings.kind,
      dim: state.d,
      rank,
      S: settings.S,
      rows: state,
      gram: state.gram,
      gramStride: state.gramStride,
      lossLevel,
      lossMayBind: mayBind,
      thetaHat: mle.alpha,
      hasResidual: rank < state.d,
    };
    const list: number[] = [];
    for (let j = 0; j < state.n; j++) {
      if (j !== first && !(settings.exclude && settings.exclude(j, first))) list.push(j);
    }
    const candidates = Int32Array.from(list);
    if (candidates.length > 0) {
      const result = settings.backend.maximize(problem, state.directions(first), {
        candidates,
        mode: settings.mode,
        tieTolerance: settings.tieTolerance,
      });
      for (let i = 0; i < candidates.length; i++) {
        values[candidates[i]!] = result.values[i]!;
        exact[candidates[i]!] = result.exact[i]!;
      }
      if (result.best >= 0) {
        second = candidates[result.best]!;
        bound = result.values[result.best]!;
      }
      solves = result.solves;
    }
  }
  const t3 = now();
  return {
    t,
    alpha: mle.alpha,
    loss: mle.loss,
    beta,
    first,
    second,
    bound,
    values,
    exact,
    lossMayBind: mayBind,
    solves,
    timings: { mleMs: t1 - t0, firstMs: t2 - t1, secondMs: t3 - t2 },
  };
}
