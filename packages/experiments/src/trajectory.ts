import { UserAlignError, type PairwiseUser } from "@useralign/core";
import type { Dataset } from "@useralign/domains";
import { createBtlUser, createConsistentUser } from "@useralign/simulators";
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
export function makeUser(task: Task, theta: readonly number[]): PairwiseUser {
  const name = `${task.user}:${task.persona}`;
  return task.user === "btl" ? createBtlUser({ theta, seed: trajectorySeeds(task).user, name }) : createConsistentUser({ theta, name });
}

