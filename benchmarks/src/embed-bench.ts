import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Rng } from "@useralign/core";
import {
  createHashingEmbedder,
  createOpenAIEmbedder,
  createStaticEmbedder,
  writeSafetensors,
  type TextEmbedder,
} from "@useralign/embeddings";
import { median } from "./stats.js";

/** One provider's timing on the synthetic corpus. */
export interface EmbedBenchRow {
  provider: string;
  model: string;
  dimension: number;
  texts: number;
  reps: number;
  /** Median wall time of one `embedTexts` call over the whole corpus. */
  median_ms: number;
  min_ms: number;
  texts_per_s: number;
  /** Time to build the embedder (for static: parse tokenizer.json and the safetensors table). */
  setup_ms: number;
}

/**
 * A corpus with the statistics that matter for throughput: Zipf-distributed words (a few very
 * common, a long tail) from a fixed pseudo-word vocabulary, 8–40 words per text, seeded.
 */
export function syntheticCorpus(count: number, seed = 1, vocabularySize = 20_000): { texts: string[]; words: string[] } {
  const rng = Rng.fromSeed(seed);
  const syllables = ["ka", "lo", "mi", "ren", "ta", "sor", "vi", "del", "pa", "ne", "qu", "ist", "um", "bra", "fel", "go"];
  const words = Array.from({ length: vocabularySize }, (_, i) => {
    let w = "";
    for (let n = i; ; n = Math.floor(n / syllables.length) - 1) {
      w = syllables[n % syllables.length]! + w;
      if (n < syllables.length) break;
    }
    return w;
  });
  // Zipf(1): P(rank r) ∝ 1/r, drawn by inverting the cumulative sum.
  const cumulative = new Float64Array(vocabularySize);
  let total = 0;
  for (let r = 0; r < vocabularySize; r++) cumulative[r] = total += 1 / (r + 1);
  const draw = (): string => {
    const u = rng.next() * total;
    let lo = 0;
    let hi = vocabularySize - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  const texts = Array.from({ length: count }, () => {
    const length = 8 + Math.floor(rng.next() * 33);
    return `${Array.from({ length }, draw).join(" ")}.`;
  });
  return { texts, words };
}

/**
 * A Model2Vec-shaped model of about potion-base-8M's size (29,528 tokens × 256, F32): a BERT
 * WordPiece tokenizer.json whose vocabulary holds the corpus's common words whole and the rest as
 * pieces, and a random embedding table in safetensors.
 */
export function syntheticStaticModel(
  words: readonly string[],
  dimension = 256,
  vocabularySize = 29_528,
  seed = 2,
): { tokenizer: object; safetensors: Uint8Array } {
  const rng = Rng.fromSeed(seed);
  const vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", ".", ","];
  const pieces = new Set<string>();
  for (const w of words) for (let i = 2; i <= w.length; i += 2) pieces.add(`##${w.slice(i, i + 3)}`);
  for (const p of pieces) if (p.length > 2) vocab.push(p);
  for (const w of words) {
    if (vocab.length >= vocabularySize) break;
    vocab.push(w);
    vocab.push(w.slice(0, 2));
  }
  const unique = [...new Set(vocab)].slice(0, vocabularySize);
  const table = new Float32Array(unique.length * dimension);
  for (let i = 0; i < table.length; i++) table[i] = rng.next() * 2 - 1;
  return {
    tokenizer: {
      normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: "BertPreTokenizer" },
      model: {
        type: "WordPiece",
        unk_token: "[UNK]",
        continuing_subword_prefix: "##",
        max_input_chars_per_word: 100,
        vocab: Object.fromEntries(unique.map((t, i) => [t, i])),
      },
    },
    safetensors: writeSafetensors([{ name: "embeddings", dtype: "F32", shape: [unique.length, dimension], values: table }]),
  };
}

async function time(embedder: TextEmbedder, texts: readonly string[], reps: number, setupMs: number): Promise<EmbedBenchRow> {
  await embedder.embedTexts(texts.slice(0, 200)); // warm-up: JIT, caches
  const times: number[] = [];
  let dimension = 0;
  for (let r = 0; r < reps; r++) {
    const started = performance.now();
    dimension = (await embedder.embedTexts(texts)).dimension;
    times.push(performance.now() - started);
  }
  const medianMs = median(times);
  return {
    provider: embedder.provider,
    model: embedder.model,
    dimension,
    texts: texts.length,
    reps,
    median_ms: medianMs,
    min_ms: Math.min(...times),
    texts_per_s: (texts.length / medianMs) * 1000,
    setup_ms: setupMs,
  };
}

/** Times the offline providers on one synthetic corpus (the same texts for each, in one run). */
export async function benchEmbed(options: { texts?: number; reps?: number } = {}): Promise<EmbedBenchRow[]> {
  const { texts, words } = syntheticCorpus(options.texts ?? 2000);
  const reps = options.reps ?? 5;
  const rows: EmbedBenchRow[] = [];
  for (const dimension of [256, 512]) rows.push(await time(createHashingEmbedder({ dimension }), texts, reps, 0));
  rows.push(await time(createHashingEmbedder({ dimension: 256, maxNgram: 1 }), texts, reps, 0));
  const files = syntheticStaticModel(words);
  const started = performance.now();
  const staticEmbedder = createStaticEmbedder(files, { name: "synthetic-potion-size" });
  rows.push(await time(staticEmbedder, texts, reps, performance.now() - started));
  rows.push(await withLocalServer(256, (baseUrl) => time(createOpenAIEmbedder({ model: "local", baseUrl, env: {} }), texts, reps, 0)));
  return rows;
}

/**
 * Runs `f` against an OpenAI-compatible server in this process that answers every input with a
 * fixed vector: what the HTTP client, JSON and validation cost, with no model behind them.
 */
async function withLocalServer<T>(dimension: number, f: (baseUrl: string) => Promise<T>): Promise<T> {
  const vector = Array.from({ length: dimension }, (_, k) => Math.sin(k) / 8);
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => {
      const { input } = JSON.parse(body) as { input: string[] };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ object: "list", data: input.map((_, index) => ({ object: "embedding", index, embedding: vector })) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    return await f(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
