import { isUserAlignError } from "@useralign/core";
import { describe, expect, it } from "vitest";
import { createConsistentUser } from "./consistent-user.js";
import { createEmbeddingJudge, thetaFromEmbedding, type TextEmbedding } from "./embedding-judge.js";

// A stand-in embedder: each text's vector is fixed, as the word-vector provider's with fitTexts.
function fakeEmbedder(table: Record<string, number[]>): TextEmbedding & { calls: number } {
  const e = {
    model: "fake",
    calls: 0,
    async embedTexts(texts: readonly string[]) {
      e.calls++;
      const d = Object.values(table)[0]!.length;
      const data = new Float32Array(texts.length * d);
      texts.forEach((t, i) => {
        const v = table[t];
        if (!v) throw new Error(`unknown text ${t}`);
        data.set(v, i * d);
      });
      return { data, count: texts.length, dimension: d };
    },
  };
  return e;
}

const query = (texts: string[], i: number, j: number, features: number[][]) => ({
  first: { index: i, text: texts[i]!, features: features[i]! },
  second: { index: j, text: texts[j]!, features: features[j]! },
});

describe("embedding judge", () => {
  let s = 3;
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const texts = Array.from({ length: 12 }, (_, i) => `candidate ${i}`);
  const table: Record<string, number[]> = { persona: [0.3, -1.2, 0.5, 2] };
  for (const t of texts) table[t] = Array.from({ length: 4 }, () => rand() * 3);
  // Features as the dataset builder writes them: unit rows × ½.
  const features = texts.map((t) => {
    const v = table[t]!;
    const n = Math.hypot(...v);
    return v.map((x) => (0.5 * x) / n);
  });

  it("answers every pair as the consistent user with θ* = S·ê(persona), for any S", async () => {
    const judge = createEmbeddingJudge({ persona: "persona", embedder: fakeEmbedder(table) });
    for (const S of [0.5, 3]) {
      const user = createConsistentUser({ theta: thetaFromEmbedding(table["persona"]!, S) });
      for (let i = 0; i < texts.length; i++) {
        for (let j = 0; j < texts.length; j++) {
          if (i === j) continue;
          expect(await judge.compare(query(texts, i, j, features))).toBe(user.compare(query(texts, i, j, features)));
        }
      }
    }
    expect(Math.hypot(...thetaFromEmbedding(table["persona"]!, 3))).toBeCloseTo(3, 12);
  });

  it("embeds each text once, breaks exact ties toward the lower index", async () => {
    const embedder = fakeEmbedder({ persona: [1, 0], a: [0, 1], b: [0, 2], c: [1, 1] });
    const judge = createEmbeddingJudge({ persona: "persona", embedder });
    const q = (i: number, ti: string, j: number, tj: string) => ({
      first: { index: i, text: ti, features: [0] },
      second: { index: j, text: tj, features: [0] },
    });
    // a and b both have cosine 0 with the persona.
    expect(await judge.compare(q(7, "a", 3, "b"))).toBe(3);
    expect(await judge.compare(q(3, "b", 7, "a"))).toBe(3);
    expect(await judge.compare(q(3, "b", 7, "c"))).toBe(7);
    await judge.compare(q(7, "c", 3, "a"));
    expect(embedder.calls).toBe(4);
  });

  it("rejects a candidate without text and a persona that embeds to zeros", async () => {
    const judge = createEmbeddingJudge({ persona: "persona", embedder: fakeEmbedder(table), name: "j" });
    try {
      await judge.compare({ first: { index: 0, features: [0] }, second: { index: 1, text: "candidate 1", features: [0] } });
      expect.unreachable();
    } catch (e) {
      expect(isUserAlignError(e, "invalid_input")).toBe(true);
      expect((e as Error).message).toMatch(/embedding judge "j": candidate 0 has no text/);
    }
    expect(() => thetaFromEmbedding([0, 0, 0], 3)).toThrow(/all zeros/);
    expect(() => thetaFromEmbedding([1, 0], 0)).toThrow(/S must be a positive number/);
  });
});
