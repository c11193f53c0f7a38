import { createHash } from "node:crypto";
import { UserAlignError } from "@useralign/core";
import {
  expectedRecords,
  taskKey,
  type ResultRecord,
  type RunSettings,
  type Task,
  type TaskFamily,
  type UserModel,
} from "@useralign/experiments";
import * as z from "zod";

/** The BullMQ job id of a task: a hash of its key (keys may hold `:`, which BullMQ ids must not). */
export function jobId(task: Task): string {
  return createHash("sha256").update(taskKey(task)).digest("hex").slice(0, 32);
}

// Records over the unions, so a user model or family added to the experiments package fails to
// compile here until the queue accepts it too.
const USER_MODELS: Record<UserModel, true> = { btl: true, consistent: true, embedding: true };
const FAMILIES: Record<TaskFamily, true> = {
  useralign: true,
  "useralign-loss": true,
  iidbest: true,
  random: true,
  oracle: true,
  "steps:useralign": true,
  "steps:useralign-loss": true,
  "steps:iidbest": true,
  trace: true,
};
const keys = <K extends string>(r: Record<K, true>) => Object.keys(r) as [K, ...K[]];

/** A job's payload: the task alone (the datasets and settings are published once per sweep). */
export const jobDataSchema = z.object({
  task: z.object({
    domain: z.string().min(1),
    question: z.number().int().nonnegative(),
    persona: z.number().int().nonnegative(),
    user: z.enum(keys(USER_MODELS)),
    seed: z.number().int().nonnegative(),
    family: z.enum(keys(FAMILIES)),
  }),
});

/** Reads a job's payload; anything else is `invalid_input`. */
export function parseJobData(data: unknown): Task {
  const parsed = jobDataSchema.safeParse(data);
  if (!parsed.success)
    throw new UserAlignError(
      "invalid_input",
      `A queued job is not a task: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data.task;
}

// Records are checked for shape and identity only: their numbers come from our own workers'
// runTask, which the experiments package tests.
const recordSchema = z.looseObject({ kind: z.enum(["session", "trace"]), task: z.string() });

/**
 * Checks a job's result: the records of exactly this task, as many as it writes. A result that
 * fails the check is reported as the task's failure, never written to the results file.
 */
export function parseJobResult(task: Task, value: unknown, settings: RunSettings): ResultRecord[] {
  const key = taskKey(task);
  const parsed = z.array(recordSchema).safeParse(value);
  if (!parsed.success) throw new UserAlignError("internal_error", `The result of task ${key} is not a list of records.`);
  const n = expectedRecords(task, settings);
  if (parsed.data.length !== n || parsed.data.some((r) => r.task !== key)) {
    throw new UserAlignError("internal_error", `The result of task ${key} does not hold its ${n} record(s).`);
  }
  return parsed.data as unknown as ResultRecord[];
}
