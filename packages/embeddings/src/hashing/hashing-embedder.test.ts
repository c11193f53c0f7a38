import { assertFeatureScale, scaleFeatures, toFeatureMatrix } from "@useralign/core";
import { describe, expect, it } from "vitest";
import { cosineSimilarity, embeddingRow, embeddingRows } from "../embedder.js";
import { isEmbeddingError } from "../errors.js";
import { createHashingEmbedder } from "./hashing-embedder.js";
import { fitIdf } from "./idf.js";
import { hashString } from "./string-hash.js";
import { words } from "./word-ngrams.js";

const corpus = [
  "How do I reset my password?",
  "What is the best way to reset a forgotten password?",
  "The weather in Paris is sunny with a light breeze today.",
  "Bake the bread at 220 degrees for thirty minutes.",
  "Our quarterly revenue grew by twelve percent.",
  "I forgot my password, how can I reset it?",
  "Bread should be baked for about thirty minutes at 220 degrees.",
  "Sunny weather is expected in Paris today, with a breeze.",
];

describe("hashString", () => {
  it("matches MurmurHash3 x86_32 reference values for ASCII", () => {
    // For ASCII, two UTF-16 code units per block equal the bytes "a\0b\0"…, so compare with the
    // published byte-wise values of the same little-endian layout: murmur3("", 0) = 0,
    // murmur3("", 1) = 0x514E28B7.
    expect(hashString("", 0)).toBe(0);
    expect(hashString("", 1)).toBe(0x514e28b7);
  });

  it("equals a byte-wise MurmurHash3 x86_32 over the string's UTF-16LE bytes", () => {
    // The textbook algorithm over bytes, written independently of hashString's code-unit loop.
    const reference = (bytes: Uint8Array, seed: number): number => {
      const mul = (a: number, b: number) => Math.imul(a, b) >>> 0;
      const rotl = (x: number, r: number) => ((x << r) | (x >>> (32 - r))) >>> 0;
      let h = seed >>> 0;
      const blocks = bytes.length >> 2;
      for (let i = 0; i < blocks; i++) {
        let k = (bytes[4 * i]! | (bytes[4 * i + 1]! << 8) | (bytes[4 * i + 2]! << 16) | (bytes[4 * i + 3]! << 24)) >>> 0;
        k = mul(rotl(mul(k, 0xcc9e2d51), 15), 0x1b873593);
        h = (mul(rotl((h ^ k) >>> 0, 13), 5) + 0xe6546b64) >>> 0;
      }
      const tail = blocks * 4;
      const rest = bytes.length & 3;
      if (rest > 0) {
        let k = 0;
        for (let j = rest - 1; j >= 0; j--) k = (k << 8) | bytes[tail + j]!;
        h = (h ^ mul(rotl(mul(k >>> 0, 0xcc9e2d51), 15), 0x1b873593)) >>> 0;
      }
      h = (h ^ bytes.length) >>> 0;
      h = mul(h ^ (h >>> 16), 0x85ebca6b);
      h = mul(h ^ (h >>> 13), 0xc2b2ae35);
      return (h ^ (h >>> 16)) >>> 0;
    };
    // By code unit: iterating the string itself would yield code points and merge surrogate pairs.
    const utf16le = (s: string) => new Uint8Array(Uint16Array.from({ length: s.length }, (_, i) => s.charCodeAt(i)).buffer);
    for (const text of ["a", "ab", "abc", "password reset", "café crème", "emoji 😀 ok", "x".repeat(101)]) {
      for (const seed of [0, 1, 0xdeadbeef]) expect(hashString(text, seed), `${text} / ${seed}`).toBe(reference(utf16le(text), seed));
    }
  });

  it("depends on the seed and on every character", () => {
    expect(hashString("password", 0)).not.toBe(hashString("password", 1));
    expect(hashString("password", 0)).not.toBe(hashString("passwore", 0));
    expect(hashString("ab", 0)).not.toBe(hashString("ba", 0));
  });
});

describe("words", () => {
  it("lower-cases, splits on non-letters and joins contractions", () => {
    expect(words("Don't STOP—now, 42 times!")).toEqual(["dont", "stop", "now", "42", "times"]);
    expect(words("Ｃａｆé crème")).toEqual(["café", "crème"]);
  });
});

describe("createHashingEmbedder", () => {
  it("is deterministic across instances and unit-norm", async () => {
    const a = await createHashingEmbedder({ dimension: 64, seed: 7 }).embedTexts(corpus);
    const b = await createHashingEmbedder({ dimension: 64, seed: 7 }).embedTexts(corpus);
    expect(a.count).toBe(corpus.length);
    expect(a.dimension).toBe(64);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    for (let i = 0; i < a.count; i++) {
      const row = embeddingRow(a, i);
      expect(Math.hypot(...row)).toBeCloseTo(1, 5);
    }
    const other = await createHashingEmbedder({ dimension: 64, seed: 8 }).embedTexts(corpus);
    expect(Array.from(other.data)).not.toEqual(Array.from(a.data));
  });

  it("ranks each paraphrase above every unrelated text", async () => {
    const e = await createHashingEmbedder().embedTexts(corpus);
    const pairs: [number, number][] = [
      [0, 5],
      [1, 5],
      [3, 6],
      [2, 7],
    ];
    for (const [i, j] of pairs) {
      const mine = cosineSimilarity(embeddingRow(e, i), embeddingRow(e, j));
      for (let k = 0; k < corpus.length; k++) {
        if (k === i || k === j || pairs.some(([p, q]) => (p === i || q === i) && (p === k || q === k))) continue;
        expect(mine, `"${corpus[i]}" ~ "${corpus[j]}" vs "${corpus[k]}"`).toBeGreaterThan(
          cosineSimilarity(embeddingRow(e, i), embeddingRow(e, k)),
        );
      }
    }
  });

  it("keeps cosine similarity close to that of the unprojected n-gram vectors (random projection)", async () => {
    // With d = 4096 the ±1 projection preserves inner products to about 1/√d ≈ 0.016.
    const big = await createHashingEmbedder({ dimension: 4096, idf: "none", maxNgram: 1 }).embedTexts(["a b c d", "a b e f"]);
    // Exact cosine of the bags {a,b,c,d} and {a,b,e,f}: 2 / 4.
    expect(cosineSimilarity(embeddingRow(big, 0), embeddingRow(big, 1))).toBeCloseTo(0.5, 1);
  });

  it("with a fitted IDF table, a text's vector does not depend on its batch companions", async () => {
    const table = fitIdf(corpus);
    const embedder = createHashingEmbedder({ idf: table });
    const alone = await embedder.embedTexts([corpus[3]!]);
    const together = await embedder.embedTexts(corpus);
    expect(Array.from(alone.data)).toEqual(Array.from(embeddingRow(together, 3)));
  });

  it("gives words shared by every text less weight under batch IDF", async () => {
    const texts = ["answer: cats are great", "answer: dogs are great", "answer: cats sleep a lot"];
    const batch = await createHashingEmbedder({ idf: "batch" }).embedTexts(texts);
    const flat = await createHashingEmbedder({ idf: "none" }).embedTexts(texts);
    // The pair sharing "cats" moves closer relative to the pair sharing only common words.
    const ratio = (e: typeof batch): number =>
      cosineSimilarity(embeddingRow(e, 0), embeddingRow(e, 2)) / cosineSimilarity(embeddingRow(e, 0), embeddingRow(e, 1));
    expect(ratio(batch)).toBeGreaterThan(ratio(flat));
  });

  it("embeds a text with no words as zeros, and its rows feed scaleFeatures", async () => {
    const e = await createHashingEmbedder({ dimension: 16 }).embedTexts(["…", "one answer", "another answer"]);
    expect(Array.from(embeddingRow(e, 0))).toEqual(new Array(16).fill(0));
    const scaled = scaleFeatures(embeddingRows(e).slice(1));
    expect(() => assertFeatureScale(toFeatureMatrix(scaled))).not.toThrow();
  });

  it("reports progress per batch and stops on abort", async () => {
    const embedder = createHashingEmbedder({ batchSize: 3 });
    const seen: number[] = [];
    await embedder.embedTexts(corpus, { onProgress: (p) => seen.push(p.done) });
    expect(seen).toEqual([0, 3, 6, 8]);

    const controller = new AbortController();
    const run = embedder.embedTexts(corpus, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done === 3) controller.abort(new Error("stop"));
      },
    });
    await expect(run).rejects.toThrow("stop");
  });

  it("rejects bad options and non-string texts with typed errors", async () => {
    expect(() => createHashingEmbedder({ dimension: 0 })).toThrow(/dimension must be an integer ≥ 1; got 0/);
    expect(() => createHashingEmbedder({ idf: fitIdf(corpus, 1), maxNgram: 2 })).toThrow(/up to 1, but maxNgram is 2/);
    const err = await createHashingEmbedder()
      .embedTexts(["fine", 3 as unknown as string])
      .catch((e: unknown) => e);
    expect(isEmbeddingError(err, "invalid_inputs")).toBe(true);
    expect((err as Error).message).toBe("hashing: texts[1] is number, not a string.");
    expect((err as { code: string }).code).toBe("invalid_input");
  });
});
