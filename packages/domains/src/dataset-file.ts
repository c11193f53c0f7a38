import { UserAlignError, maxPairwiseDistance, toFeatureMatrix, type UserAlignIssue } from "@useralign/core";
import * as z from "zod";
import { embeddingRecordSchema, type EmbeddingRecord } from "./embedding-record.js";
import { formatPath, parsePool, readJsonFile, type PoolFile } from "./pool-file.js";

const nonEmpty = z.string().trim().min(1, "must be a non-empty string");
const vector = z.array(z.number().finite("must be a finite number")).min(1, "must list at least one number");

const personaSchema = z
  .object({
    name: nonEmpty,
    description: nonEmpty.optional(),
    theta: vector.optional(),
  })
  .strict()
  .refine(
    (p) => p.theta !== undefined || p.description !== undefined,
    "a persona needs theta (for simulated users) or a description (for LLM judges)",
  );

const candidateSchema = z.object({ id: nonEmpty, text: nonEmpty, image: nonEmpty.optional(), features: vector }).strict();

const questionSchema = z
  .object({
    id: nonEmpty,
    question: nonEmpty,
    baseline: z.object({ text: nonEmpty, features: vector.optional() }).strict(),
    candidates: z.array(candidateSchema).min(2, "a question needs at least 2 candidates"),
  })
  .strict();

/**
 * The dataset file format (`docs/datasets.md`): several questions whose candidates share one set
 * of feature axes, and personas (θ* on those axes, or a description for LLM judges) shared by all
 * questions. The baseline may carry features so simulated win-rates can be scored against it.
 */
export const datasetFileSchema = z
  .object({
    format: z.literal("useralign-dataset"),
    version: z.literal(1),
    name: nonEmpty,
    description: z.string().optional(),
    featureNames: z.array(nonEmpty).optional(),
    personas: z.array(personaSchema).optional(),
    embedding: embeddingRecordSchema.optional(),
    questions: z.array(questionSchema).min(1, "a dataset needs at least 1 question"),
  })
  .strict();

/** A parsed dataset file. */
export type DatasetFile = z.infer<typeof datasetFileSchema>;
/** One question of a dataset: its prompt, baseline answer and candidate pool. */
export type DatasetQuestion = DatasetFile["questions"][number];
/** A persona: θ* for simulated users and/or a description for LLM judges. */
export type Persona = NonNullable<DatasetFile["personas"]>[number];

/**
 * A checked dataset in memory: what the experiment runner and the domains work with. `dimension`
 * is the shared feature dimension d.
 */
export interface Dataset {
  readonly name: string;
  readonly description?: string | undefined;
  readonly featureNames?: readonly string[] | undefined;
  readonly dimension: number;
  /** How the features were computed from the texts, when they were. */
  readonly embedding?: EmbeddingRecord | undefined;
  readonly personas: readonly Persona[];
  readonly questions: readonly DatasetQuestion[];
}

// Scale is checked with a little slack: hand-written files round their coordinates.
const SCALE_SLACK = 1e-9;

function invalid(source: string, issues: UserAlignIssue[]): UserAlignError {
  const lines = issues.map((i) => `  ${formatPath(i.path)}: ${i.message}`);
  return new UserAlignError("invalid_input", `${source} is not a valid dataset file:\n${lines.join("\n")}`, issues);
}

/**
 * Checks what the schema cannot: one dimension everywhere (candidates, baselines, personas,
 * featureNames), unique ids, and ‖φ(y) − φ(y')‖ ≤ 1 within each question. Returns the issues.
 */
export function datasetIssues(data: Omit<Dataset, "dimension">): UserAlignIssue[] {
  const issues: UserAlignIssue[] = [];
  const d = data.questions[0]!.candidates[0]!.features.length;
  const dim = (path: (string | number)[], length: number, what: string) => {
    if (length !== d) issues.push({ path, message: `has ${length} numbers, but ${what} ${d} (questions[0].candidates[0].features)` });
  };
  if (data.featureNames && data.featureNames.length !== d) {
    issues.push({ path: ["featureNames"], message: `names ${data.featureNames.length} axes, but the features have ${d}` });
  }
  const questionIds = new Map<string, number>();
  data.questions.forEach((q, k) => {
    const earlierQ = questionIds.get(q.id);
    if (earlierQ !== undefined)
      issues.push({ path: ["questions", k, "id"], message: `"${q.id}" is already the id of questions[${earlierQ}]` });
    else questionIds.set(q.id, k);
    const ids = new Map<string, number>();
    let sameDim = true;
    q.candidates.forEach((c, j) => {
      if (c.features.length !== d) sameDim = false;
      dim(["questions", k, "candidates", j, "features"], c.features.length, "every candidate needs");
      const earlier = ids.get(c.id);
      if (earlier !== undefined)
        issues.push({ path: ["questions", k, "candidates", j, "id"], message: `"${c.id}" is already the id of candidates[${earlier}]` });
      else ids.set(c.id, j);
    });
    if (q.baseline.features) dim(["questions", k, "baseline", "features"], q.baseline.features.length, "the baseline needs");
    if (sameDim) {
      const far = maxPairwiseDistance(toFeatureMatrix(q.candidates.map((c) => c.features)));
      if (far > 1 + SCALE_SLACK) {
        issues.push({
          path: ["questions", k, "candidates"],
          message: `two candidates are ${far.toFixed(4)} apart; features must satisfy ‖φ(y) − φ(y')‖ ≤ 1 (see scaleFeatures in @useralign/core)`,
        });
      }
    }
  });
  const names = new Map<string, number>();
  data.personas.forEach((p, k) => {
    if (p.theta) dim(["personas", k, "theta"], p.theta.length, "the features have");
    const earlier = names.get(p.name);
    if (earlier !== undefined)
      issues.push({ path: ["personas", k, "name"], message: `"${p.name}" is already the name of personas[${earlier}]` });
    else names.set(p.name, k);
  });
  return issues;
}

function fromPools(pools: readonly PoolFile[], name: string): Omit<Dataset, "dimension"> {
  const personas: Persona[] = [];
  const seen = new Set<string>();
  for (const pool of pools) {
    for (const p of pool.personas ?? []) {
      if (seen.has(p.name)) continue;
      seen.add(p.name);
      personas.push({ name: p.name, theta: p.theta, ...(p.description ? { description: p.description } : {}) });
    }
  }
  const featureNames = pools[0]!.featureNames;
  const embedding = pools[0]!.embedding;
  return {
    name,
    ...(featureNames ? { featureNames } : {}),
    ...(embedding ? { embedding } : {}),
    personas,
    questions: pools.map((pool, k) => ({
      id: `q${k}`,
      question: pool.question,
      baseline: { text: pool.baseline.text },
      candidates: pool.candidates,
    })),
  };
}

/**
 * Reads a dataset from a parsed JSON value: a `useralign-dataset` v1 file, a single
 * `useralign-pool` v1 file (a one-question dataset) or an array of pool files (one question each;
 * personas merged by name). Throws `invalid_input` naming every bad field with its row, e.g.
 * `questions[2].candidates[5].features`.
 */
export function parseDataset(value: unknown, source = "dataset"): Dataset {
  let data: Omit<Dataset, "dimension">;
  if (Array.isArray(value)) {
    if (value.length === 0) throw invalid(source, [{ path: [], message: "an array of pool files must not be empty" }]);
    const pools = value.map((v, k) => parsePool(v, `${source}[${k}]`));
    data = fromPools(pools, source);
  } else if (typeof value === "object" && value !== null && (value as { format?: unknown }).format === "useralign-pool") {
    data = fromPools([parsePool(value, source)], source);
  } else {
    const result = datasetFileSchema.safeParse(value);
    if (!result.success) {
      const issues = result.error.issues.map((i) => ({
        path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
        message: i.message,
      }));
      throw invalid(source, issues);
    }
    const { personas, format: _format, version: _version, ...rest } = result.data;
    data = { ...rest, personas: personas ?? [] };
  }
  const issues = datasetIssues(data);
  if (issues.length > 0) throw invalid(source, issues);
  return { ...data, dimension: data.questions[0]!.candidates[0]!.features.length };
}

/** Reads and checks a dataset (or pool) file; unreadable files and bad JSON are `invalid_input` too. */
export async function loadDatasetFile(path: string, readFile: (path: string) => Promise<string>): Promise<Dataset> {
  return parseDataset(await readJsonFile(path, readFile, "dataset file"), path);
}

/** The dataset as a `useralign-dataset` v1 file (JSON-safe). */
export function toDatasetFile(dataset: Dataset): DatasetFile {
  return {
    format: "useralign-dataset",
    version: 1,
    name: dataset.name,
    ...(dataset.description === undefined ? {} : { description: dataset.description }),
    ...(dataset.featureNames === undefined ? {} : { featureNames: [...dataset.featureNames] }),
    ...(dataset.embedding === undefined ? {} : { embedding: dataset.embedding }),
    personas: [...dataset.personas],
    questions: [...dataset.questions],
  };
}
