import { checkInteger, checkTexts, runBatches } from "../batches.js";
import type { EmbedOptions, Embeddings, TextEmbedder } from "../embedder.js";
import { EmbeddingError } from "../errors.js";
import { idfFromCounts, idfWeight, type IdfTable } from "./idf.js";
import { addSignedRow, hashString } from "./string-hash.js";
import { ngramCounts } from "./word-ngrams.js";

/** Options of {@link createHashingEmbedder}. */
export interface HashingEmbedderOptions {
  /**
   * Output dimension d.
   * @default 256
   */
  dimension?: number;
  /**
   * Seed of the random projection: the same seed gives the same vectors on every machine.
   * @default 0
   */
  seed?: number;
  /**
   * Longest word n-gram counted (1 = words only, 2 = words and word pairs).
   * @default 2
   */
  maxNgram?: number;
  /**
   * Where the IDF weights come from:
   * - `"batch"`: fitted on all the texts of each `embedTexts` call (not per internal batch), so
   *   the words every candidate of a pool shares — usually the question's — weigh least. A text's
   *   vector then depends on the texts embedded with it; embed a pool in one call.
   * - an {@link IdfTable} from `fitIdf(corpus)`: fixed weights, so a text's vector depends on it
   *   alone (use this to embed texts one at a time, or to compare across calls).
   * - `"none"`: every n-gram weighs 1 (pure term frequency).
   * @default "batch"
   */
  idf?: "batch" | "none" | IdfTable;
  /**
   * Texts per progress report (the work is synchronous CPU; batches only pace the progress bar
   * and the abort checks).
   * @default 256
   */
  batchSize?: number;
}

/**
 * The offline default: a bag of word n-grams with sublinear term frequency (1 + ln tf) times IDF,
 * sent through a signed random projection to d dimensions (a ±1 matrix drawn from a seeded hash
 * of each n-gram, so nothing is stored) and L2-normalized. Deterministic; a text with no words
 * embeds to the zero vector. It captures shared wording, not meaning: paraphrases that reuse
 * words score high, synonyms do not.
 */
export function createHashingEmbedder(options: HashingEmbedderOptions = {}): TextEmbedder {
  const provider = "hashing";
  const dimension = checkInteger(provider, "dimension", options.dimension ?? 256, 1);
  const seed = checkInteger(provider, "seed", options.seed ?? 0, 0) >>> 0;
  const maxNgram = checkInteger(provider, "maxNgram", options.maxNgram ?? 2, 1);
  const batchSize = checkInteger(provider, "batchSize", options.batchSize ?? 256, 1);
  const idf = options.idf ?? "batch";
  if (typeof idf === "object" && idf.maxNgram < maxNgram) {
    throw new EmbeddingError(
      "invalid_options",
      `hashing: the IDF table counts n-grams up to ${idf.maxNgram}, but maxNgram is ${maxNgram}.`,
    );
  }
  const idfName = typeof idf === "string" ? idf : `table(${idf.documentCount})`;
  // Hash each n-gram once per embedder; pools repeat words across candidates and calls.
  const hashes = new Map<string, number>();

  const embedOne = (counts: ReadonlyMap<string, number>, table: IdfTable | undefined, out: Float64Array): Float64Array => {
    out.fill(0);
    for (const [gram, tf] of counts) {
      let h = hashes.get(gram);
      if (h === undefined) {
        h = hashString(gram, seed);
        if (hashes.size < 1_000_000) hashes.set(gram, h);
      }
      const weight = (1 + Math.log(tf)) * (table ? idfWeight(table, gram) : 1);
      addSignedRow(out, h, weight);
    }
    let norm = 0;
    for (let k = 0; k < dimension; k++) norm += out[k]! * out[k]!;
    if (norm > 0) {
      const scale = 1 / Math.sqrt(norm);
      for (let k = 0; k < dimension; k++) out[k]! *= scale;
    }
    return out;
  };

  return {
    provider,
    model: `hashing-d${dimension}-n${maxNgram}-seed${seed}-idf-${idfName}`,
    dimension,
    async embedTexts(texts: readonly string[], callOptions: EmbedOptions = {}): Promise<Embeddings> {
      checkTexts(texts, provider);
      // Counted once: batch IDF needs every text's n-grams before the first vector.
      const counts = texts.map((t) => ngramCounts(t, maxNgram));
      const table = idf === "none" ? undefined : idf === "batch" ? idfFromCounts(counts, maxNgram) : idf;
      return runBatches(
        texts.length,
        { batchSize, concurrency: 1, dimension, provider },
        async (start, end) => {
          const rows: Float32Array[] = [];
          const scratch = new Float64Array(dimension);
          for (let i = start; i < end; i++) rows.push(Float32Array.from(embedOne(counts[i]!, table, scratch)));
          return rows;
        },
        callOptions,
      );
    },
  };
}
