import { methodSchema } from "@useralign/core";
import * as z from "zod";

const nonEmpty = z.string().trim().min(1, "must be a non-empty string");

/** A pool of a domain: a pool file path (relative to the study file), or an inline pool. */
export const poolReferenceSchema = z.union([
  nonEmpty,
  z
    .object({
      /** A pool file path, or the pool itself (`useralign-pool` v1, checked by parsePool). */
      pool: z.union([nonEmpty, z.object({}).passthrough()]),
      /** An image of the baseline answer, for image domains (relative to the study file). */
      baselineImage: nonEmpty.optional(),
    })
    .strict(),
]);

/** The bundled domains a study can show to people (their candidates are readable text). */
export const STUDY_DOMAIN_NAMES = ["food2d"] as const;

/**
 * A dataset of a domain: a `useralign-dataset` v1 file path (relative to the study file; a pool
 * file or an array of pool files works too), or a bundled text domain by name. Each of its
 * questions becomes one question of the study domain.
 */
export const datasetReferenceSchema = z.union([nonEmpty, z.object({ domain: z.enum(STUDY_DOMAIN_NAMES) }).strict()]);

/** The participant conditions of the paper's human study. */
export const conditionSchema = z.enum(["persona", "own"]);
/** `persona`: answer as the persona shown; `own`: answer by one's own taste. */
export type Condition = z.infer<typeof conditionSchema>;

const domainSchema = z
  .object({
    /** Short name shown in the admin tables and exports. */
    name: nonEmpty,
    /** How candidates are shown. @default "text" */
    kind: z.enum(["text", "image"]).default("text"),
    /** Comparisons per participant in stage 2 (the paper: 10 for text, 20 for images). */
    budget: z.number().int().min(1).max(200),
    /** The two steps whose selection is evaluated against the baseline in stage 3. */
    evaluationSteps: z.tuple([z.number().int().min(1), z.number().int().min(1)]),
    /** Pools, one question each. At least one of `pools` and `dataset` is needed. */
    pools: z.array(poolReferenceSchema).min(1, "a domain needs at least one pool").optional(),
    /** A dataset whose questions follow the pools' (docs/datasets.md). */
    dataset: datasetReferenceSchema.optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.pools === undefined && d.dataset === undefined) ctx.addIssue({ code: "custom", path: ["pools"], message: "a domain needs pools or a dataset" });
    for (const [k, step] of d.evaluationSteps.entries()) {
      if (step > d.budget) ctx.addIssue({ code: "custom", path: ["evaluationSteps", k], message: `step ${step} is after the budget of ${d.budget}` });
    }
  });

/** The study config file, `useralign-study` version 1 (docs/web.md). */
export const studyFileSchema = z
  .object({
    format: z.literal("useralign-study"),
    version: z.literal(1),
    title: nonEmpty,
    /** Landing-page text: what the study is about and what the participant will do. */
    intro: nonEmpty,
    /** Seed of the assignment RNG. @default 0 */
    seed: z.number().int().default(0),
    /** Methods participants are assigned to (blinded). @default ["useralign", "iidbest"] */
    methods: z
      .array(methodSchema.extract(["useralign", "useralign-loss", "iidbest"]))
      .min(1)
      .default(["useralign", "iidbest"]),
    /** Conditions: answer as a given persona, or by one's own taste. @default ["persona", "own"] */
    conditions: z.array(conditionSchema).min(1).default(["persona", "own"]),
    /** Stop assigning new participants after this many (e.g. the number you can pay). @default no limit */
    maxParticipants: z.number().int().min(1).optional(),
    /** Shown when a participant finishes (e.g. how to claim payment). */
    outro: z.string().optional(),
    domains: z.array(domainSchema).min(1, "a study needs at least one domain"),
  })
  .strict();

/** A parsed study file (defaults applied). */
export type StudyFile = z.infer<typeof studyFileSchema>;
/** One domain of a parsed study file. */
export type StudyDomainFile = StudyFile["domains"][number];

