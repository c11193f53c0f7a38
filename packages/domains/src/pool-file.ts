import { UserAlignError, type UserAlignIssue } from "@useralign/core";
import * as z from "zod";
import { embeddingRecordSchema } from "./embedding-record.js";

const nonEmpty = z.string().trim().min(1, "must be a non-empty string");

/** One persona: a simulated consistent user with preference vector θ* on the pool's axes. */
const personaSchema = z
  .object({
    name: nonEmpty,
    description: z.string().optional(),
    theta: z.array(z.number()).min(1, "must list at least one number"),
  })
  .strict();

const candidateSchema = z
  .object({
    id: nonEmpty,
    text: nonEmpty,
    /** Optional image reference (a path or URL) for image candidates; `text` is then its caption. */
    image: nonEmpty.optional(),
    features: z.array(z.number()).min(1, "must list at least one number"),
  })
  .strict();

/**
 * The pool file format (`apps/cli/README.md`): a question, the model's plain baseline answer, and
 * the candidates with their feature vectors φ(y), scaled so ‖φ(y) − φ(y')‖ ≤ 1.
 */
export const poolFileSchema = z
  .object({
    format: z.literal("useralign-pool"),
    version: z.literal(1),
    question: nonEmpty,
    baseline: z.object({ text: nonEmpty }).strict(),
    featureNames: z.array(nonEmpty).optional(),
    candidates: z.array(candidateSchema).min(2, "a pool needs at least 2 candidates"),
    personas: z.array(personaSchema).optional(),
    embedding: embeddingRecordSchema.optional(),
  })
  .strict();

/** A parsed, checked pool file. */
export type PoolFile = z.infer<typeof poolFileSchema>;

/** Renders a zod-style path as it would be written in JavaScript: `candidates[3].text`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out === "" ? String(p) : `.${String(p)}`;
  return out === "" ? "(top level)" : out;
}

function invalid(source: string, issues: UserAlignIssue[]): UserAlignError {
  const lines = issues.map((i) => `  ${formatPath(i.path)}: ${i.message}`);
  return new UserAlignError("invalid_input", `${source} is not a valid pool file:\n${lines.join("\n")}`, issues);
}

/**
 * Checks a parsed JSON value against the pool format, including what the schema cannot say:
 * every candidate (and persona) has the dimension of candidate 0, and ids are unique. Throws
 * `invalid_input` whose message names each bad field with its candidate index.
 */
export function parsePool(value: unknown, source = "pool"): PoolFile {
  const result = poolFileSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({
      path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
      message: i.message,
    }));
    throw invalid(source, issues);
  }
  const pool = result.data;
  const d = pool.candidates[0]!.features.length;
  const issues: UserAlignIssue[] = [];
  const seen = new Map<string, number>();
  pool.candidates.forEach((c, j) => {
    if (c.features.length !== d) {
      issues.push({
        path: ["candidates", j, "features"],
        message: `has ${c.features.length} numbers, but candidates[0].features has ${d}: every candidate needs the same dimension`,
      });
    }
    const earlier = seen.get(c.id);
    if (earlier !== undefined)
      issues.push({ path: ["candidates", j, "id"], message: `"${c.id}" is already the id of candidates[${earlier}]` });
    else seen.set(c.id, j);
  });
  if (pool.featureNames && pool.featureNames.length !== d) {
    issues.push({ path: ["featureNames"], message: `names ${pool.featureNames.length} axes, but the features have ${d}` });
  }
  pool.personas?.forEach((p, k) => {
    if (p.theta.length !== d)
      issues.push({ path: ["personas", k, "theta"], message: `has ${p.theta.length} numbers, but the features have ${d}` });
  });
  if (issues.length > 0) throw invalid(source, issues);
  return pool;
}

/** Reads and checks a pool file; unreadable files and bad JSON are `invalid_input` too. */
export async function loadPoolFile(path: string, readFile: (path: string) => Promise<string>): Promise<PoolFile> {
  return parsePool(await readJsonFile(path, readFile, "pool file"), path);
}

/** Reads a JSON file, turning a missing file or a syntax error into `invalid_input` naming it. */
export async function readJsonFile(path: string, readFile: (path: string) => Promise<string>, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path);
  } catch (e) {
    const reason = (e as { code?: unknown }).code === "ENOENT" ? "no such file" : e instanceof Error ? e.message : String(e);
    throw new UserAlignError("invalid_input", `Cannot read ${what} ${path}: ${reason}.`, [{ path: [], message: reason }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UserAlignError("invalid_input", `The ${what} ${path} is not valid JSON: ${(e as Error).message}`, [
      { path: [], message: "not JSON" },
    ]);
  }
}
