import { ngramCounts } from "./word-ngrams.js";

/** Document frequencies of n-grams over a corpus: what {@link idfWeight} needs. */
export interface IdfTable {
  /** Number of documents the table was fitted on. */
  readonly documentCount: number;
  /** n-gram → number of documents that contain it. */
  readonly documentFrequency: ReadonlyMap<string, number>;
  /** The largest n the table counted. */
  readonly maxNgram: number;
}

/** Counts in how many of `corpus`'s documents each word n-gram (n ≤ `maxNgram`) occurs. */
export function fitIdf(corpus: readonly string[], maxNgram = 2): IdfTable {
  return idfFromCounts(
    corpus.map((doc) => ngramCounts(doc, maxNgram)),
    maxNgram,
  );
}

/** {@link fitIdf} from n-gram counts already computed (the hashing embedder reuses them). */
export function idfFromCounts(documents: readonly ReadonlyMap<string, number>[], maxNgram: number): IdfTable {
  const documentFrequency = new Map<string, number>();
  for (const counts of documents) for (const gram of counts.keys()) documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1);
  return { documentCount: documents.length, documentFrequency, maxNgram };
}

/**
 * Smoothed inverse document frequency, idf(g) = ln((1 + D) / (1 + df(g))) + 1: as if one extra
 * document held every n-gram, so an unseen n-gram gets the largest weight and one in every
 * document still keeps weight 1 instead of vanishing (it then cannot tell candidates apart, but
 * a text made only of such words keeps a direction).
 */
export function idfWeight(table: IdfTable, gram: string): number {
  const df = table.documentFrequency.get(gram) ?? 0;
  return Math.log((1 + table.documentCount) / (1 + df)) + 1;
}
