import { UserAlignError } from "@useralign/core";
import type { Dataset } from "@useralign/domains";
import type { TextEmbedding } from "@useralign/simulators";

// One embedder per dataset and worker: the word-vector table takes seconds to load.
const cache = new Map<string, Promise<TextEmbedding>>();

function invalid(dataset: Dataset, message: string): UserAlignError {
  return new UserAlignError("invalid_input", `${dataset.name}: ${message}`, [{ path: ["embedding"], message }]);
}

/**
 * The embedder an embedding judge of `dataset` uses: the one its features were computed with, as
 * the file's `embedding` record says (`useralign embed --dataset` writes it), fitted again on the
 * file's candidate texts. `@useralign/embeddings` is imported only here, when such a user is
 * simulated.
 */
export function judgeEmbedder(dataset: Dataset): Promise<TextEmbedding> {
  const record = dataset.embedding;
  if (!record?.settings || record.settings["fit"] !== "candidates") {
    return Promise.reject(invalid(dataset, "embedding-judge users need a dataset whose features were computed from its texts (`useralign embed --dataset`), with the embedder's settings recorded."));
  }
  const key = `${dataset.name}\u0000${JSON.stringify(record)}`;
  let embedder = cache.get(key);
  if (!embedder) {
    embedder = build(dataset);
    cache.set(key, embedder);
    embedder.catch(() => cache.delete(key));
  }
  return embedder;
}

async function build(dataset: Dataset): Promise<TextEmbedding> {
  const record = dataset.embedding!;
  const s = record.settings!;
  const fitTexts = dataset.questions.flatMap((q) => q.candidates.map((c) => c.text));
  const num = (name: string) => (typeof s[name] === "number" ? { [name]: s[name] as number } : {});
  const embeddings = await import("@useralign/embeddings");
  let embedder: TextEmbedding;
  if (record.provider === "word-vectors") {
    const node = await import("@useralign/embeddings/node");
    const vectors = String(s["vectors"] ?? embeddings.WINK_PACKAGE);
    const parse = num("maxWords");
    const table = vectors === embeddings.WINK_PACKAGE ? await node.loadWinkWordVectors(parse) : await node.loadWordVectors(vectors, parse);
    embedder = embeddings.createWordVectorEmbedder(table, { weighting: (s["weighting"] as "sif" | "idf" | "none") ?? "sif", ...num("removeComponents"), ...num("sifA"), fitTexts });
  } else if (record.provider === "hashing") {
    embedder = embeddings.createHashingEmbedder({ ...num("dimension"), ...num("seed"), idf: embeddings.fitIdf(fitTexts) });
  } else {
    throw invalid(dataset, `embedding-judge users support the word-vectors and hashing providers; the features came from ${record.provider}.`);
  }
  // The judge must see the same space as the features: the rebuilt embedder must name itself as the recorded one.
  if (embedder.model !== record.model) throw invalid(dataset, `the rebuilt embedder is ${embedder.model}, but the features were made with ${record.model}.`);
  return embedder;
}
