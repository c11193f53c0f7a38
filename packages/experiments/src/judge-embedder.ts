import { UserAlignError } from "@useralign/core";
import type { Dataset } from "@useralign/domains";
import type { TextEmbedding } from "@useralign/simulators";

// One embedder per dataset and worker: the word-vector table takes seconds to load.
const cache = new Map<string, Promise<TextEmbedding>>();

/**
 * The embedder an embedding judge of `dataset` uses: the one its features were computed with, as
 * the file's `embedding` record says (`useralign embed --dataset` writes it), fitted again on the
 * file's candidate texts. `@useralign/embeddings` is imported only here, when such a user is
 * simulated.
 */
export function judgeEmbedder(dataset: Dataset): Promise<TextEmbedding> {
  const record = dataset.embedding;
  if (!record?.settings || record.settings["fit"] !== "candidates") {
    const message =
      "embedding-judge users need a dataset whose features were computed from its texts (`useralign embed --dataset`), with the embedder's settings recorded.";
    return Promise.reject(new UserAlignError("invalid_input", `${dataset.name}: ${message}`, [{ path: ["embedding"], message }]));
  }
  const key = `${dataset.name}\u0000${JSON.stringify(record)}`;
  let embedder = cache.get(key);
  if (!embedder) {
    const fitTexts = dataset.questions.flatMap((q) => q.candidates.map((c) => c.text));
    embedder = import("@useralign/embeddings/node").then((node) => node.rebuildEmbedder(record, fitTexts));
    cache.set(key, embedder);
    embedder.catch(() => cache.delete(key));
  }
  return embedder;
}
