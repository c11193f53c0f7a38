import { UserAlignError, type Method, type ResultView, type SessionOptions } from "@useralign/core";
import type { Dataset } from "@useralign/domains";
import { winProbability } from "@useralign/simulators";
import { runChain, runSession, type ChainPatch, type PoolView } from "./chain.js";
import { baselineFeatures, makeUser, personaTheta, trajectorySeeds } from "./trajectory.js";
import type { RunSettings } from "./settings.js";
import { familyMethod, taskKey, type ResultRecord, type SessionRecord, type Task } from "./task.js";
import { runTrace } from "./trace/run-trace.js";

function oracleChoice(features: readonly (readonly number[])[], theta: readonly number[]): number {
  let best = 0;
  let bestScore = -Infinity;
  features.forEach((f, j) => {
    let s = 0;
    for (let i = 0; i < theta.length; i++) s += theta[i]! * f[i]!;
    if (s > bestScore) {
      bestScore = s;
      best = j;
    }
  });
  return best;
}

/** Runs one task to its records. Pure apart from the time it takes: the same task gives the same records. */
export async function runTask(task: Task, dataset: Dataset, settings: RunSettings): Promise<ResultRecord[]> {
  const q = dataset.questions[task.question];
  if (!q)
    throw new UserAlignError("invalid_input", `${dataset.name} has no question ${task.question}.`, [
      { path: ["question"], message: "out of range" },
    ]);
  const theta = personaTheta(dataset, task.persona);
  const features = q.candidates.map((c) => c.features);
  const pool: PoolView = { question: q.question, features, ids: q.candidates.map((c) => c.id), texts: q.candidates.map((c) => c.text) };
  const seeds = trajectorySeeds(task);
  const base: SessionOptions = {
    features,
    S: settings.S,
    delta: settings.delta,
    seed: seeds.session,
    maxQuestions: settings.maxQuestions,
    maxSteps: settings.maxSteps,
  };
  if (task.family === "trace") return [await runTrace(task, base, () => makeUser(task, theta, dataset), pool, settings)];

  const baseline = baselineFeatures(dataset, task.question);
  const best = oracleChoice(features, theta);
  const method = familyMethod(task.family)!;
  const record = (view: ResultView, mode: "table" | "steps", param: ChainPatch | null): SessionRecord => ({
    kind: "session",
    task: taskKey(task),
    domain: task.domain,
    question: task.question,
    persona: task.persona,
    user: task.user,
    seed: task.seed,
    method,
    mode,
    ...(param ?? {}),
    choice: view.choice,
    questions: view.questions,
    steps: view.steps,
    reason: view.reason,
    // The embedding judge is consistent by construction: scored as the consistent user with its θ*.
    winRate: winProbability(task.user === "btl" ? "btl" : "consistent", theta, features[view.choice]!, baseline),
    oracle: view.choice === best,
  });
  const user = await makeUser(task, theta, dataset);
  const chain = async (m: Method, patches: ChainPatch[], mode: "table" | "steps") => {
    const views = await runChain({ ...base, method: m }, patches, user, pool);
    return views.map((v, k) => record(v, mode, patches[k]!));
  };
  switch (task.family) {
    case "useralign":
    case "useralign-loss":
      return chain(
        method,
        [...settings.epsilons].sort((a, b) => b - a).map((epsilon) => ({ epsilon })),
        "table",
      );
    case "iidbest":
      return chain(
        "iidbest",
        [...settings.budgets].sort((a, b) => a - b).map((budget) => ({ budget })),
        "table",
      );
    case "random":
      return [record(await runSession({ ...base, method: "random" }, user, pool), "table", null)];
    case "oracle":
      return [record(await runSession({ ...base, method: "oracle", theta }, user, pool), "table", null)];
    case "steps:useralign":
    case "steps:useralign-loss":
    case "steps:iidbest":
      return chain(
        method,
        Array.from({ length: settings.steps + 1 }, (_, budget) => ({ budget })),
        "steps",
      );
  }
}

/** How many records a task writes (a task is complete in the results file when all are there). */
export function expectedRecords(task: Task, settings: RunSettings): number {
  switch (task.family) {
    case "useralign":
    case "useralign-loss":
      return settings.epsilons.length;
    case "iidbest":
      return settings.budgets.length;
    case "random":
    case "oracle":
    case "trace":
      return 1;
    default:
      return settings.steps + 1;
  }
}
