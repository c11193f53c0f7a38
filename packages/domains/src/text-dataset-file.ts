import * as z from "zod";
import { formatPath, readJsonFile } from "./pool-file.js";
import { UserAlignError } from "@useralign/core";

const nonEmpty = z.string().trim().min(1, "must be a non-empty string");

/**
 * A dataset before embedding (`docs/datasets.md`): the same questions, baselines, candidates and
 * personas as a `useralign-dataset` file, as text only. `useralign embed --dataset` turns it
 * into a dataset file with features and persona θ*.
 */
export const textDatasetFileSchema = z
  .object({
    format: z.literal("useralign-text-dataset"),
    version: z.literal(1),
    name: nonEmpty,
    description: z.string().optional(),
    personas: z.array(z.object({ name: nonEmpty, description: nonEmpty }).strict()).min(1, "a text dataset needs at least 1 persona"),
    questions: z
      .array(
        z
          .object({
            id: nonEmpty,
            question: nonEmpty,
            baseline: z.object({ text: nonEmpty }).strict(),
            candidates: z.array(z.object({ id: nonEmpty, text: nonEmpty }).strict()).min(2, "a question needs at least 2 candidates"),
          })
          .strict(),
      )
      .min(1, "a dataset needs at least 1 question"),
  })
  .strict();

/** A parsed text dataset. */
export type TextDatasetFile = z.infer<typeof textDatasetFileSchema>;

/** Checks a text dataset: the schema, then unique question, candidate and persona ids. */
export function parseTextDataset(value: unknown, source = "text dataset"): TextDatasetFile {
  const result = textDatasetFileSchema.safeParse(value);
  const issues = result.success
    ? []
    : result.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message }));
  if (result.success) {
    const dup = (path: (string | number)[], ids: readonly string[]) =>
      ids.forEach((id, k) => {
        const first = ids.indexOf(id);
        if (first !== k) issues.push({ path: [...path, k], message: `"${id}" repeats entry ${first}` });
      });
    dup(
      ["questions"],
      result.data.questions.map((q) => q.id),
    );
    dup(
      ["personas"],
      result.data.personas.map((p) => p.name),
    );
    result.data.questions.forEach((q, k) =>
      dup(
        ["questions", k, "candidates"],
        q.candidates.map((c) => c.id),
      ),
    );
  }
  if (issues.length > 0) {
    const lines = issues.map((i) => `  ${formatPath(i.path)}: ${i.message}`);
    throw new UserAlignError("invalid_input", `${source} is not a valid text dataset file:\n${lines.join("\n")}`, issues);
  }
  return result.data!;
}

/** Reads and checks a text dataset file. */
export async function loadTextDatasetFile(path: string, readFile: (path: string) => Promise<string>): Promise<TextDatasetFile> {
  return parseTextDataset(await readJsonFile(path, readFile, "text dataset file"), path);
}
