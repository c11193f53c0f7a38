import type { TextEmbedder } from "../embedder.js";
import { EmbeddingError } from "../errors.js";
import { createHashingEmbedder } from "../hashing/hashing-embedder.js";
import { fitIdf } from "../hashing/idf.js";
import { WINK_PACKAGE } from "../word-vectors/parse-wink-json.js";
import { createWordVectorEmbedder, type WordWeighting } from "../word-vectors/word-vector-embedder.js";
import { loadWinkWordVectors, loadWordVectors } from "./load-word-vectors.js";

/** How a file's features were made, as pool and dataset files record it (`embedding`). */
export interface EmbedderRecord {
  readonly provider: string;
  readonly model: string;
  readonly settings?: Readonly<Record<string, string | number | boolean>> | undefined;
}

/**
 * Builds the embedder a file's `embedding` record describes, its fitted weights fitted again on
 * `fitTexts` (the file's candidate texts, when the record says `fit: "candidates"`): so a text
 * embedded now lands where the file's features are. Supports `word-vectors` and `hashing`; the
 * rebuilt embedder must name itself as the record does, or this throws `model_format`.
 */
export async function rebuildEmbedder(record: EmbedderRecord, fitTexts: readonly string[]): Promise<TextEmbedder> {
  const s = record.settings ?? {};
  const num = (name: string) => (typeof s[name] === "number" ? { [name]: s[name] as number } : {});
  const fitted = s["fit"] === "candidates";
  let embedder: TextEmbedder;
  if (record.provider === "word-vectors") {
    const vectors = String(s["vectors"] ?? WINK_PACKAGE);
    const parse = num("maxWords");
    const table = vectors === WINK_PACKAGE ? await loadWinkWordVectors(parse) : await loadWordVectors(vectors, parse);
    embedder = createWordVectorEmbedder(table, {
      weighting: (s["weighting"] as WordWeighting | undefined) ?? "sif",
      ...num("removeComponents"),
      ...num("sifA"),
      ...(fitted ? { fitTexts } : {}),
    });
  } else if (record.provider === "hashing") {
    embedder = createHashingEmbedder({ ...num("dimension"), ...num("seed"), ...(fitted ? { idf: fitIdf(fitTexts) } : {}) });
  } else {
    throw new EmbeddingError(
      "invalid_options",
      `Only word-vectors and hashing embedders can be rebuilt from a file's record; this one is ${record.provider}.`,
    );
  }
  if (embedder.model !== record.model) {
    throw new EmbeddingError(
      "model_format",
      `The rebuilt embedder is ${embedder.model}, but the file's features were made with ${record.model}.`,
    );
  }
  return embedder;
}
