import { isUserAlignError } from "@useralign/core";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tinyPool } from "../test/tiny-pool.js";
import { loadStudy, resolveStudy } from "./load-study.js";

const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));
const fs = { readFile: (p: string) => readFile(p, "utf8") };

const pool = (extra: Record<string, unknown> = {}) => tinyPool({ personas: [{ name: "p", theta: [1, 0] }], ...extra });
const study = (domain: Record<string, unknown> = {}, top: Record<string, unknown> = {}) => ({
  format: "useralign-study",
  version: 1,
  title: "T",
  intro: "I",
  domains: [{ name: "d", budget: 3, evaluationSteps: [2, 3], pools: [{ pool: pool() }], ...domain }],
  ...top,
});

async function issues(value: unknown): Promise<string[]> {
  try {
    await resolveStudy(value, examples, fs, "study.json");
  } catch (e) {
    if (!isUserAlignError(e, "invalid_input")) throw e;
    return e.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  }
  throw new Error("expected invalid_input");
}

describe("study files", () => {
  it("loads the bundled demo: a text domain and an image domain with every poster served", async () => {
    const s = await loadStudy(join(examples, "study.json"), fs);
    expect(s.domains.map((d) => [d.name, d.kind, d.budget, d.pools[0]!.candidates.length])).toEqual([
      ["dinner", "text", 10, 28],
      ["posters", "image", 12, 16],
    ]);
    expect(s.methods).toEqual(["useralign", "iidbest"]);
    expect(s.media.size).toBe(17);
    for (const [url, file] of s.media) {
      // Opaque URLs: a hash of the path, never the candidate id the file is named after.
      expect(url).toMatch(/^\/media\/[0-9a-f]{24}\.svg$/);
      expect(dirname(file)).toBe(join(examples, "posters"));
      expect(await readFile(file, "utf8")).toContain("<svg");
      expect(s.mediaHashes.get(url)).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(s.media.get(s.domains[1]!.pools[0]!.baseline.image!)).toBe(join(examples, "posters", "baseline.svg"));
  });

  it("applies the defaults", async () => {
    const s = await resolveStudy(study(), examples, fs);
    expect(s.seed).toBe(0);
    expect(s.conditions).toEqual(["persona", "own"]);
    expect(s.domains[0]!.kind).toBe("text");
  });

  it("names every bad field", async () => {
    expect(await issues(study({ evaluationSteps: [2, 9] }))).toEqual(["domains.0.evaluationSteps.1: step 9 is after the budget of 3"]);
    expect(await issues(study({}, { methods: ["oracle"] }))).toEqual([expect.stringMatching(/^methods\.0: /)]);
    expect(await issues(study({ pools: ["missing.json"] }))).toEqual([
      expect.stringMatching(/^domains\.0\.pools\.0: Cannot read pool file .*missing\.json: no such file/),
    ]);
    expect(await issues(study({ pools: [{ pool: pool({ personas: undefined }) }] }))).toEqual([
      'domains.0.pools.0: the "persona" condition is listed, but this pool has no personas',
    ]);
    // Without the persona condition, a pool without personas is fine.
    await expect(
      resolveStudy(study({ pools: [{ pool: pool({ personas: undefined }) }] }, { conditions: ["own"] }), examples, fs),
    ).resolves.toBeDefined();
    expect(await issues(study({ kind: "image" }))).toEqual([
      "domains.0.pools.0.candidates.0.image: an image domain needs an image for every candidate",
      "domains.0.pools.0.candidates.1.image: an image domain needs an image for every candidate",
      "domains.0.pools.0.candidates.2.image: an image domain needs an image for every candidate",
      "domains.0.pools.0.baselineImage: an image domain needs a baseline image",
    ]);
    const far = pool({
      candidates: [
        { id: "a", text: "A", features: [2, 0] },
        { id: "b", text: "B", features: [-2, 0] },
        { id: "c", text: "C", features: [0, 0] },
      ],
    });
    expect(await issues(study({ pools: [{ pool: far }] }))).toEqual([expect.stringMatching(/^domains\.0\.pools\.0: .*1/)]);
    expect(await issues({ ...study(), extra: true })).toEqual([expect.stringMatching(/^: Unrecognized key/)]);
  });
});
