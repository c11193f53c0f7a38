import { UserAlignError, type ComparisonQuery, type PairwiseUser } from "@useralign/core";

/**
 * What the judge needs from an embedding provider: `TextEmbedder.embedTexts` of
 * `@useralign/embeddings`, structurally (so this package does not depend on the providers).
 */
export interface TextEmbedding {
  readonly model: string;
  embedTexts(texts: readonly string[]): Promise<{ readonly data: Float32Array; readonly count: number; readonly dimension: number }>;
}

/** Options of {@link createEmbeddingJudge}. */
export interface EmbeddingJudgeOptions {
  /** The persona description the judge embeds once. */
  persona: string;
  /**
   * The embedder. It must give a text the same vector whatever it is embedded with (for word
   * vectors: `fitTexts` set), or the judge's view of a candidate would depend on its pair.
   */
  embedder: TextEmbedding;
  /** Label for reports. @default "embedding" */
  name?: string;
}

/**
 * An LLM-free persona user: prefers the response whose embedding has the higher cosine similarity
 * with the persona description's embedding, ties to the lower pool index (as the consistent
 * user). It reads the candidates' texts, never their features. With features φ(y) = ½ e(y)/‖e(y)‖
 * from the same embedder (`scaleFeatures` "unit"), its answers are those of the consistent user
 * with θ* = {@link thetaFromEmbedding}(e(persona), S) for any S > 0: ⟨θ*, φ(y)⟩ = (S/2)·cos(e(persona), e(y)).
 */
export function createEmbeddingJudge(options: EmbeddingJudgeOptions): PairwiseUser {
  const name = options.name ?? "embedding";
  const { embedder } = options;
  const cache = new Map<string, Promise<Float64Array>>();
  const unit = (text: string): Promise<Float64Array> => {
    let v = cache.get(text);
    if (!v) {
      v = embedder.embedTexts([text]).then((e) => normalized(e.data.subarray(0, e.dimension)));
      cache.set(text, v);
      v.catch(() => cache.delete(text));
    }
    return v;
  };
  const persona = unit(options.persona);
  persona.catch(() => {});
  return {
    name,
    async compare(query: ComparisonQuery): Promise<number> {
      const { first, second } = query;
      for (const c of [first, second]) {
        if (typeof c.text !== "string") {
          throw new UserAlignError("invalid_input", `embedding judge "${name}": candidate ${c.index} has no text to embed.`, [
            { path: ["text"], message: "required" },
          ]);
        }
      }
      const [p, a, b] = await Promise.all([persona, unit(first.text!), unit(second.text!)]);
      const gap = dot(p, a) - dot(p, b);
      if (gap > 0) return first.index;
      if (gap < 0) return second.index;
      return Math.min(first.index, second.index);
    },
  };
}

/**
 * θ* = S · e/‖e‖ for a persona embedding e: the consistent and BTL users that agree with
 * {@link createEmbeddingJudge} on unit-scaled features, at the norm bound ‖θ*‖ = S.
 */
export function thetaFromEmbedding(embedding: ArrayLike<number>, S: number): number[] {
  if (!(S > 0) || !Number.isFinite(S))
    throw new UserAlignError("invalid_input", `thetaFromEmbedding: S must be a positive number; got ${S}.`, [
      { path: ["S"], message: "must be positive" },
    ]);
  const u = normalized(embedding);
  if (u.every((x) => x === 0)) {
    throw new UserAlignError("invalid_input", "thetaFromEmbedding: the persona's embedding is all zeros (no known words?).", [
      { path: ["embedding"], message: "all zeros" },
    ]);
  }
  return Array.from(u, (x) => S * x);
}

function normalized(v: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(v);
  let n = 0;
  for (const x of out) {
    if (!Number.isFinite(x))
      throw new UserAlignError("invalid_input", "embedding judge: an embedding holds a non-finite number.", [
        { path: ["embedding"], message: "not finite" },
      ]);
    n += x * x;
  }
  if (n > 0) for (let i = 0; i < out.length; i++) out[i]! /= Math.sqrt(n);
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length)
    throw new UserAlignError("invalid_input", `embedding judge: embeddings of ${a.length} and ${b.length} numbers.`, [
      { path: ["embedding"], message: "dimension mismatch" },
    ]);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
