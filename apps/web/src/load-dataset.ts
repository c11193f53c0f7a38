import { assertFeatureScale, isUserAlignError, toFeatureMatrix, type UserAlignIssue } from "@useralign/core";
import { createDomain, formatPath, parseDataset, readJsonFile, type Dataset } from "@useralign/domains";
import { dirname, resolve } from "node:path";
import type { StudyFileSystem, StudyPool } from "./load-study.js";
import type { StudyDomainFile } from "./study-schema.js";

/** What {@link loadDomainDataset} needs from the study being loaded. */
export interface DatasetContext {
  /** The study file's folder: dataset paths are relative to it. */
  readonly baseDir: string;
  readonly fs: StudyFileSystem;
  /** Where the reference sits in the study file, e.g. `["domains", 0, "dataset"]`. */
  readonly path: readonly (string | number)[];
  readonly kind: StudyDomainFile["kind"];
  /** Whether the study has the persona condition (each persona's description is then shown). */
  readonly personaCondition: boolean;
  /** Registers a candidate image (relative to `dir`) and returns the URL the browser loads it from. */
  mediaUrl(imageRef: string, dir: string, path: readonly (string | number)[]): string;
}

type DatasetReference = NonNullable<StudyDomainFile["dataset"]>;

async function readDataset(ref: DatasetReference, context: DatasetContext): Promise<{ dataset: Dataset; dir: string }> {
  if (typeof ref !== "string") return { dataset: createDomain(ref.domain), dir: context.baseDir };
  const file = resolve(context.baseDir, ref);
  const value = await readJsonFile(file, context.fs.readFile, "dataset file");
  return { dataset: parseDataset(value, `${formatPath(context.path)} (${ref})`), dir: dirname(file) };
}

/**
 * Loads a domain's dataset (a file, or a bundled text domain) as study questions, one per dataset
 * question, exactly as pools would give them. Problems come back as issues under `context.path`
 * (`domains[0].dataset.personas[2].description`), so the loader can report them with the rest.
 */
export async function loadDomainDataset(
  ref: DatasetReference,
  context: DatasetContext,
): Promise<{ pools: StudyPool[]; issues: UserAlignIssue[] }> {
  const path = [...context.path];
  let loaded: { dataset: Dataset; dir: string };
  try {
    loaded = await readDataset(ref, context);
  } catch (e) {
    return { pools: [], issues: [{ path, message: e instanceof Error ? e.message : String(e) }] };
  }
  const { dataset, dir } = loaded;
  const issues: UserAlignIssue[] = [];
  if (context.kind === "image") {
    // A dataset question has no baseline image, and stage 3 would show the baseline as text.
    issues.push({
      path,
      message: "an image domain needs a baseline image per question, which datasets do not carry: list pools with baselineImage instead",
    });
  }
  if (context.personaCondition) {
    if (dataset.personas.length === 0)
      issues.push({ path, message: `the "persona" condition is listed, but this dataset has no personas` });
    dataset.personas.forEach((p, k) => {
      if (p.description === undefined) {
        issues.push({
          path: [...path, "personas", k, "description"],
          message: `persona "${p.name}" has no description, which the "persona" condition shows to participants: add one, or drop "persona" from conditions`,
        });
      }
    });
  }
  const pools = dataset.questions.map((q, k): StudyPool => {
    try {
      assertFeatureScale(toFeatureMatrix(q.candidates.map((c) => c.features)));
    } catch (e) {
      issues.push({ path: [...path, "questions", k], message: isUserAlignError(e) ? e.message : String(e) });
    }
    return {
      question: q.question,
      baseline: { id: "baseline", text: q.baseline.text },
      candidates: q.candidates.map((c, j) => ({
        id: c.id,
        text: c.text,
        ...(c.image ? { image: context.mediaUrl(c.image, dir, [...path, "questions", k, "candidates", j, "image"]) } : {}),
      })),
      features: q.candidates.map((c) => c.features),
      personas: dataset.personas,
    };
  });
  return { pools, issues };
}

/** The lower-cased file extension of an image reference (`.svg`), or "". */
export function extension(ref: string): string {
  const m = /\.[a-z0-9]+$/i.exec(ref);
  return m ? m[0].toLowerCase() : "";
}
