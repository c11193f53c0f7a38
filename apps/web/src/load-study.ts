import { assertFeatureScale, isUserAlignError, toFeatureMatrix, UserAlignError, type UserAlignIssue } from "@useralign/core";
import { formatPath, parsePool, readJsonFile, type PoolFile } from "@useralign/domains";
import { dirname, resolve } from "node:path";
import { loadDomainDataset } from "./load-dataset.js";
import { StudyMedia } from "./study-media.js";
import { studyFileSchema, type Condition, type StudyFile } from "./study-schema.js";

/** A candidate as the browser may see it (no features: those stay on the server). */
export interface StudyCandidate {
  readonly id: string;
  readonly text: string;
  /** URL the browser loads the image from (`/media/…` or an absolute http(s) URL). */
  readonly image?: string;
}

/** A persona of a question: shown by name and description in the persona condition. */
export interface StudyPersona {
  readonly name: string;
  readonly description?: string | undefined;
  /** θ* (simulated users only; never sent to the browser). */
  readonly theta?: readonly number[] | undefined;
}

/** One question of a domain: a pool (or a dataset question), resolved and checked. */
export interface StudyPool {
  readonly question: string;
  readonly baseline: StudyCandidate;
  readonly candidates: readonly StudyCandidate[];
  readonly features: readonly (readonly number[])[];
  readonly personas: readonly StudyPersona[] | undefined;
}

/** A domain of the study with its questions loaded: its pools, then its dataset's questions. */
export interface StudyDomain {
  readonly name: string;
  readonly kind: "text" | "image";
  readonly budget: number;
  readonly evaluationSteps: readonly [number, number];
  readonly pools: readonly StudyPool[];
  /** Catch trials among the comparisons, by `afterStep`. */
  readonly attentionChecks: StudyFile["domains"][number]["attentionChecks"];
}

/** A study ready to serve: config plus every pool, and the media files the pages may load. */
export interface Study {
  readonly title: string;
  readonly intro: string;
  readonly outro: string | undefined;
  readonly seed: number;
  /** No new participants after this many; null for no limit. */
  readonly maxParticipants: number | null;
  readonly methods: StudyFile["methods"];
  readonly conditions: readonly Condition[];
  readonly domains: readonly StudyDomain[];
  /** `/media/…` URL path → absolute file path. Only these files are served. */
  readonly media: ReadonlyMap<string, string>;
  /** `/media/…` URL path → sha256 of the file's content (part of the study version). */
  readonly mediaHashes: ReadonlyMap<string, string>;
  /** Consent text; null for no consent page. */
  readonly consent: string | null;
  /** URL parameters stored per participant. */
  readonly urlParameters: readonly string[];
  readonly completion: StudyFile["completion"];
  readonly abandonAfterMinutes: number;
  readonly excludeFailedAttention: boolean;
}

/** Where a study reads its files from. */
export interface StudyFileSystem {
  readFile(path: string): Promise<string>;
  /** Reads an image. @default node:fs readFile */
  readBytes?(path: string): Promise<Uint8Array>;
}

function invalid(source: string, issues: UserAlignIssue[]): UserAlignError {
  const lines = issues.map((i) => `  ${formatPath(i.path)}: ${i.message}`);
  return new UserAlignError("invalid_input", `${source} is not a valid study file:\n${lines.join("\n")}`, issues);
}

/**
 * Checks a parsed study file and loads its pools and datasets: paths are relative to `baseDir`
 * (the study file's folder), image references relative to their pool or dataset file. Throws
 * `invalid_input` naming every bad field, including the pool or dataset a problem is in
 * (`domains[0].pools[1]`, `domains[1].dataset.personas[2].description`).
 */
export async function resolveStudy(value: unknown, baseDir: string, fs: StudyFileSystem, source = "study"): Promise<Study> {
  const parsed = studyFileSchema.safeParse(value);
  if (!parsed.success) {
    throw invalid(
      source,
      parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message })),
    );
  }
  const file = parsed.data;
  const issues: UserAlignIssue[] = [];
  const media = new StudyMedia(baseDir, issues);
  const mediaUrl = media.url.bind(media);
  const domains: StudyDomain[] = [];
  for (const [di, domain] of file.domains.entries()) {
    const pools: StudyPool[] = [];
    const poolPaths: (string | number)[][] = [];
    for (const [pi, ref] of (domain.pools ?? []).entries()) {
      const path = ["domains", di, "pools", pi];
      const where = formatPath(path);
      const poolRef = typeof ref === "string" ? ref : ref.pool;
      let pool: PoolFile;
      let poolDir = baseDir;
      try {
        if (typeof poolRef === "string") {
          const poolPath = resolve(baseDir, poolRef);
          poolDir = dirname(poolPath);
          pool = parsePool(await readJsonFile(poolPath, fs.readFile, "pool file"), `${where} (${poolRef})`);
        } else {
          pool = parsePool(poolRef, where);
        }
      } catch (e) {
        issues.push({ path, message: e instanceof Error ? e.message : String(e) });
        continue;
      }
      try {
        assertFeatureScale(toFeatureMatrix(pool.candidates.map((c) => c.features)));
      } catch (e) {
        issues.push({ path, message: isUserAlignError(e) ? e.message : String(e) });
      }
      if (file.conditions.includes("persona") && !pool.personas?.length) {
        issues.push({ path, message: `the "persona" condition is listed, but this pool has no personas` });
      }
      const candidates = pool.candidates.map((c, j) => ({
        id: c.id,
        text: c.text,
        ...(c.image ? { image: mediaUrl(c.image, poolDir, [...path, "candidates", j, "image"]) } : {}),
      }));
      if (domain.kind === "image") {
        pool.candidates.forEach((c, j) => {
          if (!c.image)
            issues.push({ path: [...path, "candidates", j, "image"], message: "an image domain needs an image for every candidate" });
        });
      }
      const baselineImage = typeof ref === "string" ? undefined : ref.baselineImage;
      if (domain.kind === "image" && !baselineImage)
        issues.push({ path: [...path, "baselineImage"], message: "an image domain needs a baseline image" });
      poolPaths.push(path);
      pools.push({
        question: pool.question,
        baseline: {
          id: "baseline",
          text: pool.baseline.text,
          ...(baselineImage ? { image: mediaUrl(baselineImage, baseDir, [...path, "baselineImage"]) } : {}),
        },
        candidates,
        features: pool.candidates.map((c) => c.features),
        personas: pool.personas,
      });
    }
    if (domain.dataset !== undefined) {
      const loaded = await loadDomainDataset(domain.dataset, {
        baseDir,
        fs,
        path: ["domains", di, "dataset"],
        kind: domain.kind,
        personaCondition: file.conditions.includes("persona"),
        mediaUrl,
      });
      loaded.pools.forEach((_, k) => poolPaths.push(["domains", di, "dataset", "questions", k]));
      pools.push(...loaded.pools);
      issues.push(...loaded.issues);
    }
    pools.forEach((pool, k) => {
      // A fixed budget asks distinct pairs; more questions than pairs cannot be asked.
      const n = pool.candidates.length;
      const pairs = (n * (n - 1)) / 2;
      if (domain.budget > pairs)
        issues.push({
          path: poolPaths[k]!,
          message: `a budget of ${domain.budget} comparisons needs at least ${domain.budget} distinct pairs, but ${n} candidates make ${pairs}`,
        });
    });
    domains.push({
      name: domain.name,
      kind: domain.kind,
      budget: domain.budget,
      evaluationSteps: domain.evaluationSteps,
      pools,
      attentionChecks: domain.attentionChecks,
    });
  }
  await media.check(fs.readBytes?.bind(fs));
  if (issues.length > 0) throw invalid(source, issues);
  return {
    title: file.title,
    intro: file.intro,
    outro: file.outro,
    seed: file.seed,
    maxParticipants: file.maxParticipants ?? null,
    methods: file.methods,
    conditions: file.conditions,
    domains,
    media: media.files(),
    mediaHashes: media.hashes(),
    consent: file.consent ?? null,
    urlParameters: file.urlParameters,
    completion: file.completion,
    abandonAfterMinutes: file.abandonAfterMinutes,
    excludeFailedAttention: file.excludeFailedAttention,
  };
}

/** Reads a study file from disk and resolves it (see {@link resolveStudy}). */
export async function loadStudy(path: string, fs: StudyFileSystem): Promise<Study> {
  const absolute = resolve(path);
  return resolveStudy(await readJsonFile(absolute, fs.readFile, "study file"), dirname(absolute), fs, path);
}
