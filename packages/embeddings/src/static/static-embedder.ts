import { checkInteger, checkTexts, runBatches } from "../batches.js";
import type { EmbedOptions, Embeddings, TextEmbedder } from "../embedder.js";
import { EmbeddingError } from "../errors.js";
import { parseSafetensors, tensorToFloat32, tensorToIntegers } from "./safetensors.js";
import { createTokenizer, type Tokenizer } from "./tokenizer/tokenizer.js";

/** The files of a Model2Vec / Potion model folder, already read (works in browsers). */
export interface StaticModelFiles {
  /** tokenizer.json, parsed or as text. */
  tokenizer: unknown;
  /** model.safetensors bytes: an `embeddings` (or `0`) tensor [vocabulary, d], optional `weights` and `mapping`. */
  safetensors: Uint8Array;
  /** config.json, parsed or as text; only `normalize` is read. */
  config?: unknown;
}

/** Options of {@link createStaticEmbedder}. */
export interface StaticEmbedderOptions {
  /**
   * L2-normalize each mean-pooled vector.
   * @default config.json's `normalize`, else true
   */
  normalize?: boolean;
  /**
   * Tokens per text kept (after unknown tokens are dropped). As in Model2Vec, the text is first
   * cut to `maxTokens × median token length` characters so huge inputs stay cheap.
   * @default 512
   */
  maxTokens?: number;
  /**
   * Texts per progress report.
   * @default 1024
   */
  batchSize?: number;
  /**
   * The name recorded as `model`.
   * @default "static"
   */
  name?: string;
}

interface EmbeddingTable {
  rows: Float32Array;
  vocabularyRows: number;
  dimension: number;
  /** Per-token scale (vocabulary quantization), indexed by token id. */
  weights: Float32Array | undefined;
  /** Token id → row of `rows` (vocabulary quantization). */
  mapping: Int32Array | undefined;
}

function readTable(bytes: Uint8Array): EmbeddingTable {
  const file = parseSafetensors(bytes);
  const tensor = file.tensors.get("embeddings") ?? file.tensors.get("0");
  if (!tensor) {
    const names = [...file.tensors.keys()].join(", ") || "none";
    throw new EmbeddingError("model_format", `model.safetensors has no "embeddings" tensor (tensors: ${names}).`);
  }
  if (tensor.shape.length !== 2 || tensor.shape[0]! < 1 || tensor.shape[1]! < 1) {
    throw new EmbeddingError(
      "model_format",
      `model.safetensors: "${tensor.name}" must be a non-empty matrix [vocabulary, dimension]; its shape is [${tensor.shape.join(", ")}].`,
    );
  }
  const weightsTensor = file.tensors.get("weights");
  const mappingTensor = file.tensors.get("mapping");
  return {
    rows: tensorToFloat32(tensor),
    vocabularyRows: tensor.shape[0]!,
    dimension: tensor.shape[1]!,
    weights: weightsTensor ? tensorToFloat32(weightsTensor) : undefined,
    mapping: mappingTensor ? tensorToIntegers(mappingTensor) : undefined,
  };
}

function parseConfig(config: unknown): { normalize?: boolean } {
  if (config === undefined) return {};
  let value = config;
  if (typeof config === "string") {
    try {
      value = JSON.parse(config);
    } catch (e) {
      throw new EmbeddingError("model_format", `config.json is not valid JSON: ${(e as Error).message}`);
    }
  }
  const normalize = (value as { normalize?: unknown } | null)?.normalize;
  if (normalize !== undefined && typeof normalize !== "boolean") {
    throw new EmbeddingError("model_format", `config.json: normalize must be true or false; got ${JSON.stringify(normalize)}.`);
  }
  return normalize === undefined ? {} : { normalize };
}

/** Every token id must have a row; checked once at load so encoding never reads past the table. */
function checkCoverage(tokenizer: Tokenizer, table: EmbeddingTable): void {
  let maxId = -1;
  for (const id of tokenizer.vocab.values()) maxId = Math.max(maxId, id);
  const rowsFor = table.mapping ? table.mapping.length : table.vocabularyRows;
  if (maxId >= rowsFor) {
    throw new EmbeddingError(
      "model_format",
      `tokenizer.json has token id ${maxId}, but the model has ${rowsFor} ${table.mapping ? "mapping entries" : "embedding rows"}.`,
    );
  }
  if (table.mapping?.some((row) => row < 0 || row >= table.vocabularyRows)) {
    throw new EmbeddingError("model_format", `model.safetensors: "mapping" points outside the ${table.vocabularyRows} embedding rows.`);
  }
  if (table.weights && table.weights.length <= maxId) {
    throw new EmbeddingError(
      "model_format",
      `model.safetensors: "weights" has ${table.weights.length} entries for ${maxId + 1} token ids.`,
    );
  }
}

/**
 * A static-embedding model in the Model2Vec / Potion format: tokenize (no special tokens), drop
 * unknown tokens, look up each token's row (through `mapping` and times `weights` when the model
 * has them), average, and L2-normalize. Pure JavaScript over the files' contents; read a folder
 * with `loadStaticEmbedder` from `@useralign/embeddings/node`. A text with no known tokens
 * embeds to zeros.
 */
export function createStaticEmbedder(files: StaticModelFiles, options: StaticEmbedderOptions = {}): TextEmbedder {
  const provider = "static";
  const maxTokens = checkInteger(provider, "maxTokens", options.maxTokens ?? 512, 1);
  const batchSize = checkInteger(provider, "batchSize", options.batchSize ?? 1024, 1);
  const tokenizer = createTokenizer(files.tokenizer);
  const table = readTable(files.safetensors);
  checkCoverage(tokenizer, table);
  const normalize = options.normalize ?? parseConfig(files.config).normalize ?? true;
  const { rows, dimension, weights, mapping } = table;
  const lengths = [...tokenizer.vocab.keys()].map((t) => t.length).sort((a, b) => a - b);
  const maxChars = maxTokens * Math.max(1, lengths[Math.floor(lengths.length / 2)] ?? 1);
  const unkId = tokenizer.unkId;

  const embedOne = (text: string, out: Float32Array): void => {
    let ids = tokenizer.encode(text.length > maxChars ? text.slice(0, maxChars) : text);
    if (unkId !== undefined) ids = ids.filter((id) => id !== unkId);
    if (ids.length > maxTokens) ids = ids.slice(0, maxTokens);
    const sum = new Float64Array(dimension);
    for (const id of ids) {
      const base = (mapping ? mapping[id]! : id) * dimension;
      const scale = weights ? weights[id]! : 1;
      for (let k = 0; k < dimension; k++) sum[k]! += rows[base + k]! * scale;
    }
    let norm = 0;
    const count = Math.max(ids.length, 1);
    for (let k = 0; k < dimension; k++) {
      sum[k]! /= count;
      norm += sum[k]! * sum[k]!;
    }
    const scale = normalize && norm > 0 ? 1 / Math.sqrt(norm) : 1;
    for (let k = 0; k < dimension; k++) out[k] = sum[k]! * scale;
  };

  return {
    provider,
    model: options.name ?? "static",
    dimension,
    async embedTexts(texts: readonly string[], callOptions: EmbedOptions = {}): Promise<Embeddings> {
      checkTexts(texts, provider);
      return runBatches(
        texts.length,
        { batchSize, concurrency: 1, dimension, provider },
        async (start, end) => {
          const out: Float32Array[] = [];
          for (let i = start; i < end; i++) {
            const row = new Float32Array(dimension);
            embedOne(texts[i]!, row);
            out.push(row);
          }
          return out;
        },
        callOptions,
      );
    },
  };
}
