import { UserAlignError } from "@useralign/core";
import { parseDataset, type PoolFile } from "@useralign/domains";
import { judgeEmbedder } from "@useralign/experiments";
import type { PairwiseUser } from "@useralign/core";
import { createEmbeddingJudge } from "@useralign/simulators";
import { poolPersona, type AnswerSpec } from "./answer-spec.js";

/**
 * The embedding judge of `--answers embedding:…`: cosine to the persona description's embedding,
 * with the embedder the pool's features were made with (its `embedding` record). A pool persona
 * named with persona=NAME brings its description.
 */
export async function createEmbeddingJudgeUser(
  spec: Extract<AnswerSpec, { kind: "embedding" }>,
  pool: PoolFile,
  source: string,
): Promise<PairwiseUser> {
  let description: string;
  if ("persona" in spec) {
    const persona = poolPersona(pool, spec.persona);
    if (!persona.description) {
      throw new UserAlignError("invalid_input", `The pool's persona "${spec.persona}" has no description for the embedding judge.`, [
        { path: ["personas"], message: "no description" },
      ]);
    }
    description = persona.description;
  } else {
    description = spec.description;
  }
  if (!pool.embedding) {
    throw new UserAlignError(
      "invalid_input",
      `${source} does not record how its features were made; the embedding judge needs a pool written by "useralign embed --dataset … --format pool".`,
      [{ path: ["embedding"], message: "missing" }],
    );
  }
  return createEmbeddingJudge({ persona: description, embedder: await judgeEmbedder(parseDataset(pool, source)), name: "embedding" });
}
