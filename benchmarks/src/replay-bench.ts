import {
  beats,
  createSession,
  createStructuredBackend,
  fitMle,
  Rng,
  type CandidateDirections,
  type ConfidenceSetBackend,
  type ConfidenceSetProblem,
  type MaximizeRequest,
  type ReducedRows,
} from "@useralign/core";
import { inDisk } from "@useralign/domains";
import { median } from "./stats.js";

/** Options of {@link benchReplays}. @default values are the committed run's */
export interface ReplayBenchOptions {
  /** Candidates in the 2-D disk pool. @default 20 */
  readonly n?: number;
  /** Session seeds (one UserAlign-loss session each, consistent user, to the step cap). @default [1, 2, 3] */
  readonly seeds?: readonly number[];
  /** Steps t at which the step is timed both ways. @default [25, 50, 100, 150, 199] */
  readonly steps?: readonly number[];
  /** Timed repetitions per way (after one warm-up). @default 5 */
  readonly reps?: number;
  /** Called once per timed step. */
  readonly onStep?: (label: string) => void;
}

/** One timed step: the same confidence-set step with weighted rows and with one row per entry. */
export interface ReplayBenchRow {
  seed: number;
  /** History entries (questions + replays) behind the step. */
  t: number;
  /** Distinct comparisons (rows with weights). */
  distinct: number;
  weighted_ms: number;
  expanded_ms: number;
  /** expanded_ms / weighted_ms. */
  ratio: number;
  /** |B(t) weighted − B(t) expanded| and whether y⁽²⁾ agrees. */
  bound_diff: number;
  same_second: boolean;
}

interface Captured {
  problem: ConfidenceSetProblem;
  directions: CandidateDirections;
  request: MaximizeRequest;
}

/** The rows with every weight expanded into repeated rows of weight 1 (the pre-weights history). */
function expand(rows: ReducedRows): ReducedRows {
  const index: number[] = [];
  for (let k = 0; k < rows.count; k++) for (let w = 0; w < rows.weight(k); w++) index.push(k);
  return { count: index.length, row: (k) => rows.row(index[k]!), weight: () => 1 };
}

function gramOf(rows: ReducedRows): Float64Array {
  const t = rows.count;
  const gram = new Float64Array(t * t);
  for (let k = 0; k < t; k++) {
    for (let l = 0; l <= k; l++) {
      const a = rows.row(k);
      const b = rows.row(l);
      let s = 0;
      for (let i = 0; i < Math.min(a.length, b.length); i++) s += a[i]! * b[i]!;
      gram[k * t + l] = s;
      gram[l * t + k] = s;
    }
  }
  return gram;
}

/** θ̂ (cold start) and y⁽²⁾, B(t) of one step: the MLE and the N confidence-set problems. */
function solveStep(problem: ConfidenceSetProblem, c: Captured, backend: ConfidenceSetBackend) {
  fitMle(problem.rows, problem.rank, problem.S);
  // A fresh object per run: backends cache per-step work (phase I) keyed on the problem, and a
  // session's every step is a new problem.
  const result = backend.maximize({ ...problem }, c.directions, c.request);
  let best = -1;
  for (let i = 0; i < c.request.candidates.length; i++) {
    if (!result.exact[i]) continue;
    if (
      best < 0 ||
      beats(result.values[i]!, c.request.candidates[i]!, result.values[best]!, c.request.candidates[best]!, c.request.tieTolerance)
    )
      best = i;
  }
  return { second: best < 0 ? -1 : c.request.candidates[best]!, bound: best < 0 ? 0 : result.values[best]! };
}

/** Times one captured step on the weighted rows and on the rows expanded into one per entry. */
function timeBothWays(seed: number, t: number, c: Captured, backend: ConfidenceSetBackend, reps: number): ReplayBenchRow {
  const expandedRows = expand(c.problem.rows);
  const expanded: ConfidenceSetProblem = { ...c.problem, rows: expandedRows, gram: gramOf(expandedRows), gramStride: expandedRows.count };
  const time = (problem: ConfidenceSetProblem) => {
    let out = solveStep(problem, c, backend);
    const ms: number[] = [];
    for (let r = 0; r < reps; r++) {
      const start = performance.now();
      out = solveStep(problem, c, backend);
      ms.push(performance.now() - start);
    }
    return { ...out, ms: median(ms) };
  };
  const weighted = time(c.problem);
  const full = time(expanded);
  return {
    seed,
    t,
    distinct: c.problem.rows.count,
    weighted_ms: weighted.ms,
    expanded_ms: full.ms,
    ratio: full.ms / weighted.ms,
    bound_diff: Math.abs(weighted.bound - full.bound),
    same_second: weighted.second === full.second,
  };
}

/**
 * Replayed answers as weights vs as repeated rows, within one run: 2-D UserAlign-loss sessions (the
 * case where the loss constraint binds and the session replays to the 199-step cap) are run with
 * the current core, the step's confidence-set problem is captured at the chosen t, and the same
 * step — θ̂ from a cold start plus y⁽²⁾ over the N candidates with the default backend — is timed
 * on the weighted rows and on the rows expanded into one per history entry (how the history was
 * kept before). Both must give the same y⁽²⁾ and B(t).
 */
export function benchReplays(options: ReplayBenchOptions = {}): ReplayBenchRow[] {
  const n = options.n ?? 20;
  const seeds = options.seeds ?? [1, 2, 3];
  const steps = new Set(options.steps ?? [25, 50, 100, 150, 199]);
  const reps = options.reps ?? 5;
  const backend = createStructuredBackend();
  const rows: ReplayBenchRow[] = [];
  for (const seed of seeds) {
    const rng = Rng.fromSeed(seed);
    const features = Array.from({ length: n }, () => inDisk(rng, 0.5));
    const angle = 2 * Math.PI * rng.next();
    const theta = [3 * Math.cos(angle), 3 * Math.sin(angle)];
    const utility = features.map((f) => f[0]! * theta[0]! + f[1]! * theta[1]!);
    const timed = new Set<number>();
    let calls = 0;
    const spy: ConfidenceSetBackend = {
      name: backend.name,
      description: backend.description,
      maximize(problem, directions, request) {
        // The session calls the backend once per step, replays included (the last call at the
        // cap decides the stop: t = 199 entries). The problem reads the live history, so the step
        // is timed here, before the session moves on.
        calls++;
        let t = 0;
        for (let k = 0; k < problem.rows.count; k++) t += problem.rows.weight(k);
        if (steps.has(t) && !timed.has(t)) {
          timed.add(t);
          rows.push(timeBothWays(seed, t, { problem, directions, request: { ...request, mode: "best" } }, backend, reps));
          options.onStep?.(`seed ${seed} t=${t}`);
        }
        return backend.maximize(problem, directions, request);
      },
    };
    const session = createSession({ features, seed, method: "useralign-loss", solver: spy });
    let view = session.next();
    while (view.status === "question")
      view = session.answer(utility[view.pair[0]]! >= utility[view.pair[1]]! ? view.pair[0] : view.pair[1]);
    if (calls === 0) throw new Error("the session never reached the backend");
  }
  return rows;
}

/** The rows as a Markdown table. */
export function replayBenchMarkdown(rows: readonly ReplayBenchRow[]): string {
  const lines = [
    "| seed | t (entries) | distinct | weighted (ms) | one row per entry (ms) | ratio | |ΔB| | same y⁽²⁾ |",
    "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: |",
    ...rows.map(
      (r) =>
        `| ${r.seed} | ${r.t} | ${r.distinct} | ${r.weighted_ms.toFixed(2)} | ${r.expanded_ms.toFixed(2)} | ${r.ratio.toFixed(1)}× | ${r.bound_diff.toExponential(1)} | ${r.same_second ? "yes" : "**no**"} |`,
    ),
  ];
  return lines.join("\n") + "\n";
}
