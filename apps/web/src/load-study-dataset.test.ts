import { isUserAlignError } from "@useralign/core";
import { food2d } from "@useralign/domains";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadStudy, resolveStudy, type StudyFileSystem } from "./load-study.js";

const examples = fileURLToPath(new URL("../../../examples/", import.meta.url));
const base = resolve("/virtual/study");

/** An in-memory file system: paths relative to `base`; anything else is ENOENT. */
function memoryFs(files: Record<string, unknown>): StudyFileSystem {
  const byPath = new Map(Object.entries(files).map(([p, v]) => [resolve(base, p), typeof v === "string" ? v : JSON.stringify(v)]));
  const readFile = async (p: string) => {
    const text = byPath.get(p);
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: "ENOENT" });
    return text;
  };
  return { readFile, readBytes: async (p) => new TextEncoder().encode(await readFile(p)) };
}

const question = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  question: `Question ${id}?`,
  baseline: { text: `plain ${id}` },
  candidates: [
    { id: "a", text: `A ${id}`, features: [0.2, 0] },
    { id: "b", text: `B ${id}`, features: [-0.2, 0.1] },
    { id: "c", text: `C ${id}`, features: [0, -0.2] },
  ],
  ...extra,
});
const dataset = (extra: Record<string, unknown> = {}) => ({
  format: "useralign-dataset",
  version: 1,
  name: "mini",
  personas: [
    { name: "p", description: "Likes a.", theta: [1, 0] },
    { name: "q", description: "Likes b." },
  ],
  questions: [question("one"), question("two")],
  ...extra,
});
const pool = {
  format: "useralign-pool",
  version: 1,
  question: "Pool question?",
  baseline: { text: "pool plain" },
  candidates: [
    { id: "x", text: "X", features: [0.1, 0] },
    { id: "y", text: "Y", features: [-0.1, 0] },
  ],
  personas: [{ name: "pp", description: "Pool persona.", theta: [1, 0] }],
};
const study = (domain: Record<string, unknown>, top: Record<string, unknown> = {}) => ({
  format: "useralign-study",
  version: 1,
  title: "T",
  intro: "I",
  // Budget 1: the smallest fixture question has two candidates, one pair.
  domains: [{ name: "d", budget: 1, evaluationSteps: [1, 1], ...domain }],
  ...top,
});

async function issues(value: unknown, files: Record<string, unknown> = {}): Promise<string[]> {
  try {
    await resolveStudy(value, base, memoryFs(files), "study.json");
  } catch (e) {
    if (!isUserAlignError(e, "invalid_input")) throw e;
    expect(e.message).toContain("study.json is not a valid study file");
    return e.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  }
  throw new Error("expected invalid_input");
}

describe("study domains from datasets", () => {
  it("loads examples/study-food2d.json: each food2d question is one question of the domain", async () => {
    const s = await loadStudy(join(examples, "study-food2d.json"), { readFile: (p) => readFile(p, "utf8") });
    const food = food2d();
    expect(s.domains).toHaveLength(1);
    const domain = s.domains[0]!;
    expect([domain.name, domain.kind, domain.budget, domain.evaluationSteps]).toEqual(["food2d", "text", 10, [5, 10]]);
    expect(domain.pools).toHaveLength(3);
    domain.pools.forEach((q, k) => {
      const source = food.questions[k]!;
      expect(q.question).toBe(source.question);
      expect(q.baseline).toEqual({ id: "baseline", text: source.baseline.text });
      expect(q.candidates).toEqual(source.candidates.map((c) => ({ id: c.id, text: c.text })));
      expect(q.features).toEqual(source.candidates.map((c) => c.features));
      expect(q.personas?.map((p) => [p.name, p.description])).toEqual(food.personas.map((p) => [p.name, p.description]));
      expect(q.personas?.every((p) => (p.description ?? "").length > 0)).toBe(true);
    });
    expect(s.media.size).toBe(0);
  });

  it("reads a dataset file relative to the study file, after the domain's pools, images served", async () => {
    const withImage = question("two", {
      candidates: [
        { id: "a", text: "A", image: "img/a.png", features: [0.2, 0] },
        { id: "b", text: "B", features: [-0.2, 0] },
      ],
    });
    const files = {
      "data/mini.json": dataset({ questions: [question("one"), withImage] }),
      "pool.json": pool,
      "data/img/a.png": "png bytes",
    };
    const s = await resolveStudy(study({ pools: ["pool.json"], dataset: "data/mini.json" }), base, memoryFs(files));
    const pools = s.domains[0]!.pools;
    expect(pools.map((p) => p.question)).toEqual(["Pool question?", "Question one?", "Question two?"]);
    expect(pools[1]!.personas?.map((p) => p.name)).toEqual(["p", "q"]);
    const url = pools[2]!.candidates[0]!.image!;
    expect(url).toMatch(/^\/media\/[0-9a-f]{24}\.png$/);
    expect(s.media.get(url)).toBe(resolve(base, "data/img/a.png"));
    // A dataset alone works too, and so does a JSON array of pool files.
    const alone = await resolveStudy(study({ dataset: "data/mini.json" }), base, memoryFs(files));
    expect(alone.domains[0]!.pools.map((p) => p.question)).toEqual(["Question one?", "Question two?"]);
    const array = await resolveStudy(
      study({ dataset: "pools.json" }),
      base,
      memoryFs({ "pools.json": [pool, { ...pool, question: "Second?" }] }),
    );
    expect(array.domains[0]!.pools.map((p) => p.question)).toEqual(["Pool question?", "Second?"]);
  });

  it("accepts description-less personas when the persona condition is not listed", async () => {
    const files = { "d.json": dataset({ personas: [{ name: "sim", theta: [1, 0] }] }) };
    const s = await resolveStudy(study({ dataset: "d.json" }, { conditions: ["own"] }), base, memoryFs(files));
    expect(s.domains[0]!.pools).toHaveLength(2);
    const none = { "d.json": dataset({ personas: undefined }) };
    await expect(resolveStudy(study({ dataset: "d.json" }, { conditions: ["own"] }), base, memoryFs(none))).resolves.toBeDefined();
  });

  it("names every bad dataset reference by its path", async () => {
    expect(await issues(study({}))).toEqual(["domains.0.pools: a domain needs pools or a dataset"]);
    expect(await issues(study({ dataset: "missing.json" }))).toEqual([
      expect.stringMatching(/^domains\.0\.dataset: Cannot read dataset file .*missing\.json: no such file/),
    ]);
    expect(await issues(study({ dataset: "d.json" }), { "d.json": "{ not json" })).toEqual([
      expect.stringMatching(/^domains\.0\.dataset: The dataset file .*d\.json is not valid JSON/),
    ]);
    const far = question("far", {
      candidates: [
        { id: "a", text: "A", features: [0.8, 0] },
        { id: "b", text: "B", features: [-0.8, 0] },
      ],
    });
    expect(await issues(study({ dataset: "d.json" }), { "d.json": dataset({ questions: [question("one"), far] }) })).toEqual([
      expect.stringMatching(
        /^domains\.0\.dataset: domains\[0\]\.dataset \(d\.json\) is not a valid dataset file:\n {2}questions\[1\]\.candidates: two candidates are 1\.6000 apart/,
      ),
    ]);
    expect(await issues(study({ dataset: { domain: "sphere64" } }))).toEqual([expect.stringMatching(/^domains\.0\.dataset/)]);
    expect(await issues(study({ dataset: { domain: "food2d", extra: 1 } }))).toEqual([expect.stringMatching(/^domains\.0\.dataset/)]);
    expect(await issues(study({ dataset: "d.json", pools: [] }), { "d.json": dataset() })).toEqual([
      "domains.0.pools: a domain needs at least one pool",
    ]);
  });

  it("refuses personas the persona condition cannot show, naming each", async () => {
    const files = {
      "d.json": dataset({
        personas: [
          { name: "p", description: "Likes a." },
          { name: "sim", theta: [1, 0] },
          { name: "sim2", theta: [0, 1] },
        ],
      }),
    };
    expect(await issues(study({ dataset: "d.json" }), files)).toEqual([
      'domains.0.dataset.personas.1.description: persona "sim" has no description, which the "persona" condition shows to participants: add one, or drop "persona" from conditions',
      'domains.0.dataset.personas.2.description: persona "sim2" has no description, which the "persona" condition shows to participants: add one, or drop "persona" from conditions',
    ]);
    expect(await issues(study({ dataset: "d.json" }), { "d.json": dataset({ personas: undefined }) })).toEqual([
      'domains.0.dataset: the "persona" condition is listed, but this dataset has no personas',
    ]);
  });

  it("refuses a dataset in an image domain (no baseline images) and reports pool and dataset problems together", async () => {
    expect(await issues(study({ kind: "image", dataset: { domain: "food2d" } }))).toEqual([
      "domains.0.dataset: an image domain needs a baseline image per question, which datasets do not carry: list pools with baselineImage instead",
    ]);
    const got = await issues(study({ pools: ["nope.json"], dataset: "d.json" }), {
      "d.json": dataset({ personas: [{ name: "sim", theta: [1, 0] }] }),
    });
    expect(got).toEqual([
      expect.stringMatching(/^domains\.0\.pools\.0: Cannot read pool file/),
      expect.stringMatching(/^domains\.0\.dataset\.personas\.0\.description: /),
    ]);
  });
});
