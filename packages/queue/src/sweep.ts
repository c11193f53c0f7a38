import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { UserAlignError } from "@useralign/core";
import { parseDataset, toDatasetFile, type Dataset } from "@useralign/domains";
import { planFingerprint, planTasks, taskKey, type ExperimentPlan, type RunSettings } from "@useralign/experiments";
import type { Redis } from "ioredis";
import * as z from "zod";
import type { QueueSettings } from "./queue-settings.js";

/** Key prefix of everything this package stores in Redis (BullMQ's queues included). */
export const KEY_PREFIX = "useralign";
/** The set of sweeps that workers should serve. */
export const SWEEPS_KEY = `${KEY_PREFIX}:sweeps`;
const sweepKey = (name: string) => `${KEY_PREFIX}:sweep:${name}`;

/**
 * The queue name of a plan: a hash of its fingerprint (settings, datasets) and its task list, so
 * two different sweeps never share a queue and a rerun of the same sweep finds its own.
 */
export function sweepName(plan: ExperimentPlan): string {
  const hash = createHash("sha256")
    .update(planFingerprint(plan))
    .update(JSON.stringify(planTasks(plan).map(taskKey)))
    .digest("hex");
  return `sweep-${hash.slice(0, 16)}`;
}

/** What a worker needs to run a sweep's tasks, as the submitter publishes it. */
export interface SweepSpec {
  readonly datasets: Readonly<Record<string, Dataset>>;
  readonly settings: RunSettings;
  readonly queue: QueueSettings;
}

const finite = z.number().finite();
const settingsSchema = z.object({
  epsilons: z.array(finite.nonnegative()),
  budgets: z.array(z.number().int().nonnegative()),
  maxSteps: z.number().int().positive(),
  maxQuestions: z.number().int().positive(),
  steps: z.number().int().nonnegative(),
  traceSteps: z.number().int().nonnegative(),
  traceResolution: z.number().int().positive(),
  S: finite.positive(),
  delta: finite.positive(),
});
const queueSettingsSchema = z.object({
  attempts: z.number().int().positive(),
  backoffMs: z.number().int().nonnegative(),
  lockMs: z.number().int().positive(),
  stalledMs: z.number().int().positive(),
  maxStalled: z.number().int().nonnegative(),
});
const specSchema = z.object({
  format: z.literal("useralign-sweep"),
  version: z.literal(1),
  datasets: z.record(z.string(), z.unknown()),
  settings: settingsSchema,
  queue: queueSettingsSchema,
});

/** Publishes a sweep for workers (idempotent: the submitter repeats it after a Redis restart). */
export async function publishSweep(redis: Redis, name: string, spec: SweepSpec): Promise<void> {
  const datasets = Object.fromEntries(Object.entries(spec.datasets).map(([k, ds]) => [k, toDatasetFile(ds)]));
  // Pools of a thousand 512-d candidates are megabytes of JSON digits; gzip roughly halves them.
  const body = gzipSync(JSON.stringify({ format: "useralign-sweep", version: 1, datasets, settings: spec.settings, queue: spec.queue }));
  await redis.multi().set(sweepKey(name), body).sadd(SWEEPS_KEY, name).exec();
}

/** Whether the sweep is still published (both its registration and its spec). */
export async function isPublished(redis: Redis, name: string): Promise<boolean> {
  const [member, exists] = await Promise.all([redis.sismember(SWEEPS_KEY, name), redis.exists(sweepKey(name))]);
  return member === 1 && exists === 1;
}

/** Withdraws a sweep: workers stop serving it. */
export async function withdrawSweep(redis: Redis, name: string): Promise<void> {
  await redis.multi().srem(SWEEPS_KEY, name).del(sweepKey(name)).exec();
}

/** Loads and checks a published sweep; null when it is gone. A damaged spec is `invalid_input`. */
export async function loadSweep(redis: Redis, name: string): Promise<SweepSpec | null> {
  const body = await redis.getBuffer(sweepKey(name));
  if (body === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(gunzipSync(body).toString("utf8"));
  } catch {
    throw new UserAlignError("invalid_input", `The spec of sweep ${name} in Redis is not gzipped JSON.`, [
      { path: [name], message: "unreadable" },
    ]);
  }
  const parsed = specSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({
      path: [name, ...i.path.map((p) => (typeof p === "symbol" ? String(p) : p))],
      message: i.message,
    }));
    throw new UserAlignError(
      "invalid_input",
      `The spec of sweep ${name} in Redis is not valid: ${issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      issues,
    );
  }
  const datasets = Object.fromEntries(
    Object.entries(parsed.data.datasets).map(([k, file]) => [k, parseDataset(file, `sweep ${name} dataset ${k}`)]),
  );
  return { datasets, settings: parsed.data.settings, queue: parsed.data.queue };
}
