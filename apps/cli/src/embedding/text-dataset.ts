import { scaleFeatures } from "@useralign/core";
import { parseDataset, parsePool, type DatasetFile, type EmbeddingRecord, type PoolFile, type TextDatasetFile } from "@useralign/domains";
import { embeddingRows, type EmbedOptions, type TextEmbedder } from "@useralign/embeddings";
import { thetaFromEmbedding } from "@useralign/simulators";

/** What {@link embedTextDataset} writes: a dataset file, or (one question) a pool file. */
export type TextDatasetOutput = "dataset" | "pool";

/**
 * Features for a text dataset: every candidate, baseline and persona description embedded in one
 * call, rows scaled to norm ½ (`scaleFeatures` "unit", row by row, so a baseline is scaled as the
 * candidates are), and each persona's θ* = S·ê(description) — the θ* under which the consistent
 * user answers as the embedding judge. The result is checked with the format's parser.
 */
export async function embedTextDataset(
  source: TextDatasetFile,
  embedder: TextEmbedder,
  options: { thetaNorm: number; output: TextDatasetOutput; command: string; settings: EmbeddingRecord["settings"] } & EmbedOptions,
): Promise<DatasetFile | PoolFile> {
  const { thetaNorm, output, command, settings, ...embedOptions } = options;
  const texts = [
    ...source.questions.flatMap((q) => [q.baseline.text, ...q.candidates.map((c) => c.text)]),
    ...source.personas.map((p) => p.description),
  ];
  const rows = embeddingRows(await embedder.embedTexts(texts, embedOptions));
  const scaled = scaleFeatures(rows, { method: "unit" });
  let next = 0;
  const questions = source.questions.map((q) => {
    const baseline = scaled[next++]!;
    return {
      id: q.id,
      question: q.question,
      baseline: { text: q.baseline.text, features: baseline },
      candidates: q.candidates.map((c) => ({ ...c, features: scaled[next++]! })),
    };
  });
  const personas = source.personas.map((p) => ({
    name: p.name,
    description: p.description,
    theta: thetaFromEmbedding(rows[next++]!, thetaNorm),
  }));
  const embedding: EmbeddingRecord = {
    provider: embedder.provider,
    model: embedder.model,
    scale: "unit",
    thetaNorm,
    ...(settings ? { settings } : {}),
    command,
  };
  if (output === "pool") {
    const q = questions[0]!;
    const pool = {
      format: "useralign-pool" as const,
      version: 1 as const,
      question: q.question,
      baseline: { text: q.baseline.text },
      candidates: q.candidates,
      personas,
      embedding,
    };
    return parsePool(pool, "the pool being written");
  }
  const file: DatasetFile = {
    format: "useralign-dataset",
    version: 1,
    name: source.name,
    ...(source.description === undefined ? {} : { description: source.description }),
    embedding,
    personas,
    questions,
  };
  parseDataset(file, "the dataset being written");
  return file;
}
