import { EmbeddingError } from "../errors.js";
import { ByteCursor } from "./byte-cursor.js";
import { createWordVectorTable, type WordVectorTable } from "./word-vector-table.js";

/** Options shared by the word-vector file parsers. */
export interface WordVectorParseOptions {
  /**
   * Keep only the first `maxWords` rows (the most frequent words in GloVe-family files): a
   * smaller table loads faster and takes less memory, at the price of more unknown words.
   * @default every row
   */
  maxWords?: number;
  /**
   * The name recorded as the table's (and the embedder's) model.
   * @default "glove" / the package name
   */
  name?: string;
}

/**
 * Parses a plain GloVe text file: one `word v1 v2 … vd` line per word, space separated, most
 * frequent first. The dimension is read from the first line; a line with another count is a
 * `model_format` error naming the line. A word2vec-style header line (`count dimension`) is skipped.
 */
export function parseGloveText(bytes: Uint8Array, options: WordVectorParseOptions = {}): WordVectorTable {
  const name = options.name ?? "glove";
  const maxWords = options.maxWords ?? Number.POSITIVE_INFINITY;
  const cursor = new ByteCursor(bytes, name);
  const words: string[] = [];
  let values: number[] = [];
  let chunks: Float32Array[] = [];
  let dimension = 0;
  let line = 0;
  while (!cursor.done && words.length < maxWords) {
    line++;
    cursor.skipSpace(true);
    if (cursor.peek() === 0x0a) {
      cursor.pos++;
      continue;
    }
    const word = cursor.token();
    values = [];
    for (cursor.skipSpace(true); !cursor.done && cursor.peek() !== 0x0a; cursor.skipSpace(true)) values.push(cursor.number());
    cursor.pos++;
    if (line === 1 && values.length === 1 && /^\d+$/.test(word)) continue;
    if (dimension === 0) dimension = values.length;
    if (values.length !== dimension || dimension === 0) {
      throw new EmbeddingError(
        "model_format",
        `${name}: line ${line} ("${word}") has ${values.length} numbers; the first line had ${dimension}.`,
      );
    }
    words.push(word);
    chunks.push(Float32Array.from(values));
  }
  const vectors = new Float32Array(words.length * dimension);
  chunks.forEach((row, i) => vectors.set(row, i * dimension));
  chunks = [];
  return createWordVectorTable(words, vectors, dimension, name);
}
