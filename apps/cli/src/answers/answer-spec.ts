import { UserAlignError } from "@useralign/core";
import { readJsonFile, type PoolFile } from "@useralign/domains";
import type { Slot } from "../render/question-view.js";
import { UsageError } from "../usage-error.js";

/** A parsed `--answers SPEC`. */
export type AnswerSpec =
  | { kind: "script"; slots: Slot[] }
  | { kind: "consistent"; persona: string }
  | { kind: "consistent"; file: string }
  | { kind: "llm"; persona: string };

/** Parses `script:1,2,…`, `consistent:persona=NAME`, `consistent:FILE` or `llm:PERSONA DESCRIPTION`. */
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
    if (rest === "") throw new UsageError('--answers consistent: needs a θ* file or persona=NAME, like "consistent:persona=spice lover".', "choose");
    return rest.startsWith("persona=") ? { kind, persona: rest.slice("persona=".length) } : { kind, file: rest };
  }
  if (kind === "llm") {
    if (rest.trim() === "") throw new UsageError('--answers llm: needs a persona description, like "llm:A plant-based eater who loves spicy food".', "choose");
    return { kind, persona: rest.trim() };
  }
  throw new UsageError(`--answers must start with "script:", "consistent:" or "llm:"; got "${spec}".`, "choose");
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
  if ("persona" in spec) {
    const persona = pool.personas?.find((p) => p.name === spec.persona);
    if (!persona) {
      const names = pool.personas?.map((p) => `"${p.name}"`).join(", ") || "none";
      throw new UserAlignError("invalid_input", `The pool has no persona "${spec.persona}". Personas: ${names}.`, [
        { path: ["personas"], message: `no persona named ${spec.persona}` },
      ]);
    }
    return persona.theta;
  }
  const value = await readJsonFile(spec.file, readFile, "θ* file");
  const theta = (value as { theta?: unknown } | null)?.theta;
  if (!Array.isArray(theta) || theta.length !== d || theta.some((v) => typeof v !== "number" || !Number.isFinite(v))) {
    throw new UserAlignError("invalid_input", `The θ* file ${spec.file} must hold {"theta": [...]} with ${d} finite numbers (the pool's dimension).`, [
      { path: ["theta"], message: `expected ${d} finite numbers` },
    ]);
  }
  return theta as number[];
}
