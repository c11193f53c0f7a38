import { UserAlignError } from "@useralign/core";
import { readJsonFile, type PoolFile } from "@useralign/domains";
import type { Slot } from "../render/question-view.js";
import { UsageError } from "../usage-error.js";

/** A parsed `--answers SPEC`. */
export type AnswerSpec =
  | { kind: "script"; slots: Slot[] }
  | { kind: "consistent"; persona: string }
  | { kind: "consistent"; file: string }
  | { kind: "llm"; persona: string }
  | { kind: "embedding"; persona: string }
  | { kind: "embedding"; description: string };

/**
 * Parses `script:1,2,…`, `consistent:persona=NAME`, `consistent:FILE`, `llm:PERSONA DESCRIPTION`,
 * `embedding:persona=NAME` or `embedding:PERSONA DESCRIPTION`.
 */
export function parseAnswerSpec(spec: string): AnswerSpec {
  const colon = spec.indexOf(":");
  const kind = colon < 0 ? spec : spec.slice(0, colon);
  const rest = colon < 0 ? "" : spec.slice(colon + 1);
  if (kind === "script") {
    const words = rest.split(",").map((w) => w.trim());
    if (rest.trim() === "" || words.some((w) => w !== "1" && w !== "2")) {
      throw new UsageError(`--answers script: takes a comma-separated list of 1s and 2s, like script:1,2,2,1; got "${rest}".`, "choose");
    }
    return { kind, slots: words.map((w) => (w === "1" ? 1 : 2)) };
  }
  if (kind === "consistent") {
    if (rest === "")
      throw new UsageError('--answers consistent: needs a θ* file or persona=NAME, like "consistent:persona=spice lover".', "choose");
    return rest.startsWith("persona=") ? { kind, persona: rest.slice("persona=".length) } : { kind, file: rest };
  }
  if (kind === "llm") {
    if (rest.trim() === "")
      throw new UsageError('--answers llm: needs a persona description, like "llm:A plant-based eater who loves spicy food".', "choose");
    return { kind, persona: rest.trim() };
  }
  if (kind === "embedding") {
    if (rest.trim() === "")
      throw new UsageError(
        '--answers embedding: needs persona=NAME or a persona description, like "embedding:A student on a tight budget".',
        "choose",
      );
    return rest.startsWith("persona=") ? { kind, persona: rest.slice("persona=".length) } : { kind, description: rest.trim() };
  }
  throw new UsageError(`--answers must start with "script:", "consistent:", "llm:" or "embedding:"; got "${spec}".`, "choose");
}

/** A persona of the pool by name, or `invalid_input` listing the names. */
export function poolPersona(pool: PoolFile, name: string): NonNullable<PoolFile["personas"]>[number] {
  const persona = pool.personas?.find((p) => p.name === name);
  if (!persona) {
    const names = pool.personas?.map((p) => `"${p.name}"`).join(", ") || "none";
    throw new UserAlignError("invalid_input", `The pool has no persona "${name}". Personas: ${names}.`, [
      { path: ["personas"], message: `no persona named ${name}` },
    ]);
  }
  return persona;
}

/**
 * θ* of a consistent spec: a persona of the pool, or `{"theta": [...]}` from a file. Checked
 * against the pool's dimension; problems are `invalid_input`.
 */
export async function consistentTheta(
  spec: Extract<AnswerSpec, { kind: "consistent" }>,
  pool: PoolFile,
  readFile: (path: string) => Promise<string>,
): Promise<number[]> {
  const d = pool.candidates[0]!.features.length;
  if ("persona" in spec) return poolPersona(pool, spec.persona).theta;
  const value = await readJsonFile(spec.file, readFile, "θ* file");
  const theta = (value as { theta?: unknown } | null)?.theta;
  if (!Array.isArray(theta) || theta.length !== d || theta.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
    throw new UserAlignError(
      "invalid_input",
      `The θ* file ${spec.file} must hold {"theta": [...]} with ${d} finite numbers (the pool's dimension).`,
      [{ path: ["theta"], message: `expected ${d} finite numbers` }],
    );
  }
  return theta as number[];
}
