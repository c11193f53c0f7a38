import { createSession, UserAlignError, type PairwiseUser, type SessionOptions } from "@useralign/core";
import type { PoolView } from "../chain.js";
import type { RunSettings } from "../settings.js";
import { taskKey, type Task, type TraceRecord } from "../task.js";
import { bestPerPoint, GridConfidenceSets, ThetaGrid } from "./theta-grid.js";

interface MethodTrace {
  area: number[];
  viable: number[];
  bound: number[];
}

// L(θ) ≤ L(θ̂) + β_t is tested with this slack so θ̂ itself (on the grid or not) is never cut by rounding.
const LEVEL_SLACK = 1e-9;

async function traceMethod(
  method: "useralign" | "useralign-loss",
  base: SessionOptions,
  user: PairwiseUser,
  pool: PoolView,
  grid: ThetaGrid,
  best: Int32Array,
  steps: number,
): Promise<MethodTrace> {
  const practical = method === "useralign";
  // Fixed-budget mode: the paper's Fig. 2 follows every run for the same number of steps
  // (questions + replays).
  const session = createSession({ ...base, method, budget: steps });
  const sets = new GridConfidenceSets(grid);
  const out: MethodTrace = { area: [], viable: [], bound: [] };
  let seen = 0;
  const features = pool.features;
  let view = session.next();
  while (view.status === "question") {
    // Comparisons the solver saw (answers and re-added answers) since the last step.
    for (; seen < session.history.length; seen++) {
      const h = session.history[seen]!;
      sets.add([features[h.winner]![0]! - features[h.loser]![0]!, features[h.winner]![1]! - features[h.loser]![1]!]);
    }
    const step = session.lastStep!;
    const m = sets.measure(step.loss + step.beta + LEVEL_SLACK, practical, best);
    // Indexed by step t = history length. Replays (method.md step 7) run inside one `next()`, so the
    // sets between two questions are not observed: those steps repeat the last measured values.
    const t = session.history.length;
    while (out.area.length > 0 && out.area.length < t) {
      out.area.push(out.area.at(-1)!);
      out.viable.push(out.viable.at(-1)!);
      out.bound.push(out.bound.at(-1)!);
    }
    // An empty Θ falls back to {θ̂} (method.md step 5): no area, one viable response.
    out.area.push(m.fraction);
    out.viable.push(m.viable === 0 ? 1 : m.viable);
    out.bound.push(view.bound ?? 0);
    const [a, b] = view.pair;
    view = session.answer(
      await user.compare({ first: { index: a, features: features[a]! }, second: { index: b, features: features[b]! } }),
    );
  }
  return out;
}

/**
 * The Fig. 2 trace of one synthetic2d trajectory: UserAlign-loss and UserAlign each run their own
 * `traceSteps` steps (fresh users with the same answer stream), and before every question the area
 * of their confidence set, the viable pool and B(t) are measured on a grid.
 */
export async function runTrace(
  task: Task,
  base: SessionOptions,
  newUser: () => Promise<PairwiseUser>,
  pool: PoolView,
  settings: RunSettings,
): Promise<TraceRecord> {
  if (pool.features[0]!.length !== 2) {
    throw new UserAlignError(
      "invalid_input",
      `The Fig. 2 trace measures areas in 2-D; ${task.domain} has dimension ${pool.features[0]!.length}.`,
      [{ path: ["domain"], message: "must be 2-dimensional" }],
    );
  }
  const grid = new ThetaGrid(settings.S, settings.traceResolution);
  const best = bestPerPoint(grid, pool.features);
  const loss = await traceMethod("useralign-loss", base, await newUser(), pool, grid, best, settings.traceSteps);
  const practical = await traceMethod("useralign", base, await newUser(), pool, grid, best, settings.traceSteps);
  return {
    kind: "trace",
    task: taskKey(task),
    domain: task.domain,
    question: task.question,
    persona: task.persona,
    user: task.user,
    seed: task.seed,
    areaLoss: loss.area,
    areaPractical: practical.area,
    viableLoss: loss.viable,
    viablePractical: practical.viable,
    boundLoss: loss.bound,
    boundPractical: practical.bound,
  };
}
