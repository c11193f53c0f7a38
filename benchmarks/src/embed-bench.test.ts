import { createStaticEmbedder } from "@useralign/embeddings";
import { describe, expect, it } from "vitest";
import { syntheticCorpus, syntheticStaticModel } from "./embed-bench.js";

describe("embedding benchmark inputs", () => {
  it("the corpus is seeded, Zipf-like and of the stated lengths", () => {
    const a = syntheticCorpus(300, 5, 2000);
    expect(a.texts).toEqual(syntheticCorpus(300, 5, 2000).texts);
    expect(a.texts).not.toEqual(syntheticCorpus(300, 6, 2000).texts);
    const lengths = a.texts.map((t) => t.split(" ").length);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(40);
    // Zipf(1) over 2000 words: the top word is about 1/H(2000) ≈ 12% of all tokens.
    const counts = new Map<string, number>();
    for (const w of a.texts.join(" ").replace(/\./g, "").split(" ")) counts.set(w, (counts.get(w) ?? 0) + 1);
    const top = Math.max(...counts.values()) / [...counts.values()].reduce((s, c) => s + c, 0);
    expect(top).toBeGreaterThan(0.08);
    expect(top).toBeLessThan(0.17);
  });

  it("the synthetic static model loads, and most corpus words are whole tokens", async () => {
    const { texts, words } = syntheticCorpus(50, 1, 500);
    const files = syntheticStaticModel(words, 8, 3000);
    const vocab = (files.tokenizer as { model: { vocab: Record<string, number> } }).model.vocab;
    const tokens = texts.join(" ").replace(/\./g, "").split(" ");
    expect(tokens.filter((w) => w in vocab).length / tokens.length).toBeGreaterThan(0.9);
    const embedder = createStaticEmbedder(files);
    const e = await embedder.embedTexts(texts);
    expect(e.dimension).toBe(8);
    expect(Array.from(e.data).some((v) => v !== 0)).toBe(true);
  });
});
