import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddingRow } from "../src/embedder.js";
import { isEmbeddingError } from "../src/errors.js";
import { loadStaticEmbedder } from "../src/node/load-static-embedder.js";
import { float16ToNumber, numberToFloat16 } from "../src/static/float16.js";
import { writeSafetensors } from "../src/static/safetensors.js";
import { createStaticEmbedder } from "../src/static/static-embedder.js";

// A tiny Model2Vec-style model: a BERT WordPiece vocabulary and a 4-d embedding row per token.
const VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "cat", "##s", "sat", "dog", "!", "un", "##known"];
const D = 4;
// Row i of the table: distinct, non-round numbers so F16 rounding shows.
const TABLE = VOCAB.flatMap((_, i) => Array.from({ length: D }, (_, k) => Math.sin(1 + i * 7 + k * 3) * (1 + k / 3)));
const row = (token: string): number[] => {
  const i = VOCAB.indexOf(token);
  return TABLE.slice(i * D, (i + 1) * D);
};

const tokenizerJson = {
  version: "1.0",
  truncation: null,
  padding: null,
  added_tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]"].map((content, id) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  })),
  normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  pre_tokenizer: { type: "BertPreTokenizer" },
  post_processor: {
    type: "TemplateProcessing",
    single: [
      { SpecialToken: { id: "[CLS]", type_id: 0 } },
      { Sequence: { id: "A", type_id: 0 } },
      { SpecialToken: { id: "[SEP]", type_id: 0 } },
    ],
  },
  decoder: { type: "WordPiece", prefix: "##", cleanup: true },
  model: {
    type: "WordPiece",
    unk_token: "[UNK]",
    continuing_subword_prefix: "##",
    max_input_chars_per_word: 100,
    vocab: Object.fromEntries(VOCAB.map((t, i) => [t, i])),
  },
};

/** The Model2Vec recipe written out by hand: mean of the rows, then L2 normalization. */
function expected(tokens: string[], table: (t: string) => number[] = row, normalize = true): number[] {
  const sum = new Array<number>(D).fill(0);
  for (const t of tokens) table(t).forEach((v, k) => (sum[k]! += v / tokens.length));
  const n = Math.hypot(...sum);
  return normalize ? sum.map((v) => v / n) : sum;
}

let root: string;
const folder = (name: string) => join(root, name);

async function writeModel(name: string, safetensors: Uint8Array, config: object | undefined = { normalize: true }): Promise<string> {
  const dir = folder(name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "tokenizer.json"), JSON.stringify(tokenizerJson));
  await writeFile(join(dir, "model.safetensors"), safetensors);
  if (config) await writeFile(join(dir, "config.json"), JSON.stringify({ model_type: "model2vec", hidden_dim: D, ...config }));
  return dir;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "useralign-static-"));
  await writeModel(
    "f32",
    writeSafetensors([{ name: "embeddings", dtype: "F32", shape: [VOCAB.length, D], values: TABLE }], { format: "pt" }),
  );
  await writeModel("f16", writeSafetensors([{ name: "embeddings", dtype: "F16", shape: [VOCAB.length, D], values: TABLE }]));
  await writeModel("raw", writeSafetensors([{ name: "embeddings", dtype: "F32", shape: [VOCAB.length, D], values: TABLE }]), {
    normalize: false,
  });
  // Vocabulary quantization: 3 shared rows, each token mapped to one and scaled by its weight.
  const mapping = VOCAB.map((_, i) => i % 3);
  const weights = VOCAB.map((_, i) => 0.5 + i / 10);
  await writeModel(
    "quantized",
    writeSafetensors([
      { name: "embeddings", dtype: "F32", shape: [3, D], values: TABLE.slice(0, 3 * D) },
      { name: "weights", dtype: "F32", shape: [VOCAB.length], values: weights },
      { name: "mapping", dtype: "I32", shape: [VOCAB.length], values: mapping },
    ]),
  );
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const close = (actual: Float32Array, wanted: number[], digits: number) => {
  expect(actual).toHaveLength(wanted.length);
  wanted.forEach((w, k) => expect(actual[k]).toBeCloseTo(w, digits));
};

describe("loadStaticEmbedder on a model folder written in the real formats", () => {
  it("mean-pools and normalizes the token rows, dropping [UNK] and adding no [CLS]/[SEP]", async () => {
    const embedder = await loadStaticEmbedder(folder("f32"));
    expect(embedder.provider).toBe("static");
    expect(embedder.model).toBe("f32");
    expect(embedder.dimension).toBe(D);
    const texts = ["The cats sat!", "DOG", "the zebra dog", "xyz"];
    const e = await embedder.embedTexts(texts);
    close(embeddingRow(e, 0), expected(["the", "cat", "##s", "sat", "!"]), 6);
    close(embeddingRow(e, 1), expected(["dog"]), 6);
    close(embeddingRow(e, 2), expected(["the", "dog"]), 6); // "zebra" is [UNK], dropped
    expect(Array.from(embeddingRow(e, 3))).toEqual([0, 0, 0, 0]); // nothing known
  });

  it("reads an F16 table: the same vectors up to half-precision rounding", async () => {
    const f16 = await (await loadStaticEmbedder(folder("f16"))).embedTexts(["the cats sat", "unknown dog"]);
    const halfRow = (t: string) => row(t).map((v) => float16ToNumber(numberToFloat16(v)));
    // Exact against the rounded table, close to the F32 model.
    close(embeddingRow(f16, 0), expected(["the", "cat", "##s", "sat"], halfRow), 6);
    close(embeddingRow(f16, 1), expected(["un", "##known", "dog"], halfRow), 6);
    close(embeddingRow(f16, 0), expected(["the", "cat", "##s", "sat"]), 2);
  });

  it("follows config.json's normalize: false, and an explicit option over it", async () => {
    const raw = await loadStaticEmbedder(folder("raw"));
    close(embeddingRow(await raw.embedTexts(["cat sat"]), 0), expected(["cat", "sat"], row, false), 6);
    const forced = await loadStaticEmbedder(folder("raw"), { normalize: true });
    close(embeddingRow(await forced.embedTexts(["cat sat"]), 0), expected(["cat", "sat"]), 6);
  });

  it("applies the vocabulary-quantization mapping and per-token weights", async () => {
    const e = await (await loadStaticEmbedder(folder("quantized"))).embedTexts(["the dog!"]);
    const quantRow = (t: string) => {
      const i = VOCAB.indexOf(t);
      return TABLE.slice((i % 3) * D, (i % 3) * D + D).map((v) => v * (0.5 + i / 10));
    };
    close(embeddingRow(e, 0), expected(["the", "dog", "!"], quantRow), 6);
  });

  it("keeps at most maxTokens tokens, after cutting the text to maxTokens × median token length characters", async () => {
    // Median token length of VOCAB is 3, so maxTokens 2 keeps 6 characters: "!!! do" → ! ! ! [UNK].
    const e = await (await loadStaticEmbedder(folder("f32"), { maxTokens: 2 })).embedTexts(["!!! dog", "dog the cat"]);
    close(embeddingRow(e, 0), expected(["!", "!"]), 6);
    close(embeddingRow(e, 1), expected(["dog"]), 6); // "dog th": "th" is [UNK]
  });

  it("embeds in memory from the same bytes (the browser path)", async () => {
    const embedder = createStaticEmbedder({
      tokenizer: tokenizerJson,
      safetensors: writeSafetensors([{ name: "embeddings", dtype: "F32", shape: [VOCAB.length, D], values: TABLE }]),
    });
    close(embeddingRow(await embedder.embedTexts(["sat"]), 0), expected(["sat"]), 6);
  });

  it("names what is missing or inconsistent in a model folder", async () => {
    const failure = async (p: Promise<unknown>) => {
      const e = await p.then(
        () => undefined,
        (err: unknown) => err,
      );
      if (!isEmbeddingError(e, "model_format")) throw new Error(`expected model_format, got ${String(e)}`);
      expect(e.code).toBe("invalid_input");
      return e.message;
    };
    expect(await failure(loadStaticEmbedder(folder("nowhere")))).toMatch(
      /^Cannot read .*nowhere\/tokenizer.json \(the tokenizer\): no such file\.$/,
    );
    const wrongName = await writeModel(
      "wrong-name",
      writeSafetensors([{ name: "weight", dtype: "F32", shape: [VOCAB.length, D], values: TABLE }]),
    );
    expect(await failure(loadStaticEmbedder(wrongName))).toBe('model.safetensors has no "embeddings" tensor (tensors: weight).');
    const short = await writeModel(
      "short",
      writeSafetensors([{ name: "embeddings", dtype: "F32", shape: [5, D], values: TABLE.slice(0, 5 * D) }]),
    );
    expect(await failure(loadStaticEmbedder(short))).toBe("tokenizer.json has token id 11, but the model has 5 embedding rows.");
    const flat = await writeModel("flat", writeSafetensors([{ name: "embeddings", dtype: "F32", shape: [TABLE.length], values: TABLE }]));
    expect(await failure(loadStaticEmbedder(flat))).toMatch(/must be a non-empty matrix \[vocabulary, dimension\]; its shape is \[48\]/);
    const badConfig = await writeModel(
      "bad-config",
      writeSafetensors([{ name: "embeddings", dtype: "F32", shape: [VOCAB.length, D], values: TABLE }]),
      { normalize: "yes" },
    );
    expect(await failure(loadStaticEmbedder(badConfig))).toBe('config.json: normalize must be true or false; got "yes".');
  });
});
