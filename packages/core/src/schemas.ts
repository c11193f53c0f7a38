import * as z from "zod";
import { UserAlignError } from "./errors.js";
import { STOP_TOLERANCE } from "./stop-rule.js";

/** The selection methods of method.md ("Baselines" and steps 1–8). */
export const methodSchema = z.enum(["useralign", "useralign-loss", "iidbest", "random", "oracle"]);
export type Method = z.infer<typeof methodSchema>;

const positiveInt = z.number().int().positive();

/** Session settings other than the features, the solver and the registry (validated here). */
export const sessionSettingsSchema = z
  .object({
    method: methodSchema.default("useralign"),
    S: z.number().positive().finite().default(3),
    delta: z.number().gt(0).lt(1).default(0.05),
    epsilon: z.number().min(0).finite().default(0),
    seed: z.number().int().default(0),
    maxQuestions: positiveInt.max(100_000).default(199),
    maxSteps: positiveInt.max(100_000).default(199),
    budget: z.number().int().min(0).max(100_000).optional(),
    budgetUnit: z.enum(["steps", "questions"]).default("steps"),
    theta: z.array(z.number().finite()).optional(),
    tolerance: z.number().positive().max(1e-3).default(STOP_TOLERANCE),
    checkScale: z.boolean().default(true),
  })
  .strict();
export type SessionSettings = z.infer<typeof sessionSettingsSchema>;

/** A person's answer: the index of the preferred response, or the full comparison. */
export const answerSchema = z.union([
  z.number().int().nonnegative(),
  z
    .object({
      winner: z.number().int().nonnegative(),
      loser: z.number().int().nonnegative().optional(),
      /** The question number being answered (guards against stale or replayed answers). */
      question: positiveInt.optional(),
    })
    .strict(),
]);
export type AnswerInput = z.infer<typeof answerSchema>;

export const comparisonSchema = z.object({ winner: z.number().int().nonnegative(), loser: z.number().int().nonnegative() }).strict();

const featureRowsSchema = z.array(z.array(z.number()));

const rngStateSchema = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const uint32 = z.number().int().min(0).max(0xffffffff);
const finishReasonSchema = z.enum(["bound", "step-cap", "budget", "exhausted", "immediate"]);
/** The fields every snapshot format starts with: what it is, its settings, and its pool. */
const snapshotHead = {
  format: z.literal("useralign-session"),
  settings: z.object({}).passthrough(),
  pool: z.object({ n: positiveInt, d: positiveInt, digest: z.string() }).strict(),
  features: featureRowsSchema.optional(),
};

/** Snapshot format 1 (written before history entries carried their question and B(t)); still restored. */
export const snapshotV1Schema = z
  .object({
    ...snapshotHead,
    version: z.literal(1),
    solver: z.string(),
    history: z.array(
      z.object({ winner: z.number().int().nonnegative(), loser: z.number().int().nonnegative(), replayed: z.boolean() }).strict(),
    ),
    questions: z.number().int().nonnegative(),
    rng: rngStateSchema,
    warmStart: z.array(z.number()),
    pending: z
      .object({
        question: positiveInt,
        pair: z.tuple([z.number().int(), z.number().int()]),
        bound: z.number().nullable(),
        random: z.boolean(),
      })
      .strict()
      .nullable(),
    result: z
      .object({
        choice: z.number().int(),
        bound: z.number().nullable(),
        reason: finishReasonSchema,
      })
      .strict()
      .nullable(),
    replayed: z.number().int().nonnegative(),
  })
  .strict();
export type SessionSnapshotV1 = z.infer<typeof snapshotV1Schema>;

const index = z.number().int().nonnegative();
const finite = z.number().finite();

/**
 * The saved form of a session (`toJSON()`), format 2. `check` is a digest of every other field but
 * `features` (those have `pool.digest`), so a snapshot damaged or edited outside core is refused.
 */
export const snapshotSchema = z
  .object({
    ...snapshotHead,
    version: z.literal(2),
    backend: z.string(),
    history: z.array(
      z.object({ winner: index, loser: index, replayed: z.boolean(), question: positiveInt, bound: finite.nullable() }).strict(),
    ),
    questions: index,
    replayed: index,
    rng: z.tuple([uint32, uint32, uint32, uint32]),
    warmStart: z.array(finite),
    pending: z
      .object({ question: positiveInt, pair: z.tuple([index, index]), bound: finite.nullable(), random: z.boolean() })
      .strict()
      .nullable(),
    result: z.object({ choice: index, bound: finite.nullable(), reason: finishReasonSchema }).strict().nullable(),
    stepStart: z
      .object({ history: index, rng: z.tuple([uint32, uint32, uint32, uint32]), warmStart: z.array(finite) })
      .strict()
      .nullable(),
    check: z.string(),
  })
  .strict();
export type SessionSnapshot = z.infer<typeof snapshotSchema>;

/** The input of `useralign step --json` (method.md "Contracts"). */
export const stepInputSchema = z
  .object({
    features: featureRowsSchema,
    comparisons: z.array(comparisonSchema).default([]),
    S: z.number().positive().finite().default(3),
    delta: z.number().gt(0).lt(1).default(0.05),
    epsilon: z.number().min(0).finite().default(0),
    method: z.enum(["useralign", "useralign-loss"]).default("useralign"),
    seed: z.number().int().default(0),
  })
  .strict();
export type StepInput = z.input<typeof stepInputSchema>;

/** Parses with a zod schema, turning failures into `invalid_input` with each issue's path. */
export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message }));
  const detail = issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`).join("; ");
  throw new UserAlignError("invalid_input", `Invalid ${what}: ${detail}`, issues);
}

/**
 * The settings that may change between the sessions of a chain (`session.withSettings`): ε may
 * only go down, the budget only up (see docs/core.md, "Chains").
 */
export const settingsChangeSchema = z
  .object({
    epsilon: z.number().min(0).finite().optional(),
    budget: z.number().int().min(0).max(100_000).optional(),
  })
  .strict();
export type SettingsChange = z.infer<typeof settingsChangeSchema>;
