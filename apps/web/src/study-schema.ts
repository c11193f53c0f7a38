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

/**
 * A catch trial: a comparison that looks like the others, shown after `afterStep` answers, whose
 * right answer is obvious to anyone reading (e.g. "This option is the one to pick: choose it.").
 */
export const attentionCheckSchema = z
  .object({
    /** Shown after this many of the domain's comparisons (1 ≤ afterStep < budget). */
    afterStep: z.number().int().min(1),
    /** The two options' texts, as option 1 and option 2 before sides are shuffled. */
    options: z.tuple([nonEmpty, nonEmpty]),
    /** Which of `options` (0 or 1) a reader who pays attention picks. */
    correct: z.union([z.literal(0), z.literal(1)]),
  })
  .strict();

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
    /** Catch trials among the comparisons. @default none */
    attentionChecks: z.array(attentionCheckSchema).default([]),
  })
  .strict()
  .superRefine((d, ctx) => {
    for (const [k, check] of d.attentionChecks.entries()) {
      if (check.afterStep >= d.budget)
        ctx.addIssue({
          code: "custom",
          path: ["attentionChecks", k, "afterStep"],
          message: `a check after step ${check.afterStep} would come after the last of ${d.budget} comparisons`,
        });
    }
    if (d.pools === undefined && d.dataset === undefined)
      ctx.addIssue({ code: "custom", path: ["pools"], message: "a domain needs pools or a dataset" });
    for (const [k, step] of d.evaluationSteps.entries()) {
      if (step > d.budget)
        ctx.addIssue({ code: "custom", path: ["evaluationSteps", k], message: `step ${step} is after the budget of ${d.budget}` });
    }
  });

/** URL parameters kept by default: Prolific's and MTurk's participant, study and session ids. */
export const DEFAULT_URL_PARAMETERS = ["PROLIFIC_PID", "STUDY_ID", "SESSION_ID", "workerId", "assignmentId", "hitId"] as const;

/** How a participant proves completion to a crowdsourcing platform. */
export const completionSchema = z
  .object({
    /** A fixed study code (Prolific's completion code), shown at the end. */
    code: nonEmpty.max(64).optional(),
    /**
     * Where the browser goes at the end; `{code}` becomes the fixed code, `{participantCode}` the
     * participant's own code and `{NAME}` any captured URL parameter (all URL-encoded).
     */
    redirectUrl: z
      .string()
      .regex(/^https?:\/\/[^\s]+$/, "must be an http(s) URL")
      .optional(),
  })
  .strict();

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
    /** Consent text shown before anything else; participants must accept it. @default no consent page */
    consent: nonEmpty.optional(),
    /** URL parameters stored per participant. @default {@link DEFAULT_URL_PARAMETERS} */
    urlParameters: z.array(z.string().regex(/^[A-Za-z0-9_]{1,64}$/, "must be letters, digits or _")).default([...DEFAULT_URL_PARAMETERS]),
    /** Completion by a fixed code and/or a redirect. @default the participant's own code only */
    completion: completionSchema.default({}),
    /** A participant idle this long (not done) stops counting for balance; their cell is reassigned. @default 60 */
    abandonAfterMinutes: z.number().positive().default(60),
    /** Leave participants who failed an attention check out of the win-rate tables. @default false */
    excludeFailedAttention: z.boolean().default(false),
    domains: z.array(domainSchema).min(1, "a study needs at least one domain"),
  })
  .strict()
  .superRefine((s, ctx) => {
    const first = new Map<string, number>();
    for (const [k, d] of s.domains.entries()) {
      const seen = first.get(d.name);
      if (seen === undefined) first.set(d.name, k);
      else
        ctx.addIssue({
          code: "custom",
          path: ["domains", k, "name"],
          message: `the domain name ${JSON.stringify(d.name)} is used twice (domains[${seen}] and domains[${k}]); names label the admin tables and exports`,
        });
    }
  });

/** A parsed study file (defaults applied). */
export type StudyFile = z.infer<typeof studyFileSchema>;
/** One domain of a parsed study file. */
export type StudyDomainFile = StudyFile["domains"][number];
