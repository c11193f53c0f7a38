import { UserAlignError, type PairwiseUser } from "@useralign/core";
import type { Dataset } from "@useralign/domains";
import { createBtlUser, createConsistentUser, createEmbeddingJudge } from "@useralign/simulators";
import { judgeEmbedder } from "./judge-embedder.js";
import { deriveSeed } from "./seed.js";
import type { Task } from "./task.js";

/** The session seed and the user's answer-stream seed of a task's trajectory. */
export function trajectorySeeds(task: Task): { session: number; user: number } {
  // Every method of a (domain, question, persona, user, seed) shares the session seed: common
  // random numbers, as in the paper's tables (RANDOM = UserAlign(ε = 3) = IIDBEST(0) there).
  const parts = [task.domain, task.question, task.persona, task.user, task.seed];
  return { session: deriveSeed(parts), user: deriveSeed([...parts, "user"]) };
}

/** The persona's θ*, or an error when the persona only has a description. */
export function personaTheta(dataset: Dataset, persona: number): number[] {
  const p = dataset.personas[persona];
  if (!p?.theta) {
    throw new UserAlignError("invalid_input", `Persona ${persona} of ${dataset.name} has no theta; simulated users need θ*.`, [
      { path: ["personas", persona, "theta"], message: "required for simulated users" },
    ]);
  }
  return p.theta;
}

/** The baseline's features: given ones, else the centre of the pool. */
export function baselineFeatures(dataset: Dataset, question: number): number[] {
  const q = dataset.questions[question]!;
  if (q.baseline.features) return q.baseline.features;
  const d = dataset.dimension;
  const out = new Array<number>(d).fill(0);
  for (const c of q.candidates) for (let i = 0; i < d; i++) out[i]! += c.features[i]! / q.candidates.length;
  return out;
}

/** Makes the task's user: a fresh answer stream for every task. */
export async function makeUser(task: Task, theta: readonly number[], dataset: Dataset): Promise<PairwiseUser> {
  const name = `${task.user}:${task.persona}`;
  if (task.user === "btl") return createBtlUser({ theta, seed: trajectorySeeds(task).user, name });
  if (task.user === "consistent") return createConsistentUser({ theta, name });
  const persona = dataset.personas[task.persona]!;
  if (!persona.description) {
    throw new UserAlignError("invalid_input", `Persona ${task.persona} of ${dataset.name} has no description for the embedding judge.`, [
      { path: ["personas", task.persona, "description"], message: "required for embedding-judge users" },
    ]);
  }
  return createEmbeddingJudge({ persona: persona.description, embedder: await judgeEmbedder(dataset), name });
}
