import { isUserAlignError } from "@useralign/core";
import { readFile } from "node:fs/promises";
import { afterAll, describe, expect, it } from "vitest";
import { studyFolder, twoDomainStudy } from "../test/study-files.js";
import { tinyPool } from "../test/tiny-pool.js";
import { loadStudy } from "./load-study.js";

// Problems that used to surface only while participants were running (issue 13): refused at start.
const folder = studyFolder("checks");
afterAll(() => folder.remove());
const fs = { readFile: (p: string) => readFile(p, "utf8") };
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';

async function issues(files: Record<string, unknown>): Promise<string[]> {
  const path = folder.write(files);
  try {
    await loadStudy(path, fs);
  } catch (e) {
    if (!isUserAlignError(e, "invalid_input")) throw e;
    return e.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  }
  throw new Error("expected invalid_input");
}

const imagePool = (images: Record<string, string>) =>
  tinyPool({
    candidates: [
      { id: "a", text: "A", features: [0.2, 0], image: images.a ?? "a.svg" },
      { id: "b", text: "B", features: [-0.2, 0.1], image: images.b ?? "b.svg" },
      { id: "c", text: "C", features: [0, -0.2], image: images.c ?? "c.svg" },
    ],
  });
const imageStudy = (baselineImage = "base.svg") =>
  twoDomainStudy({}, [{ name: "img", kind: "image", budget: 3, evaluationSteps: [2, 3], pools: [{ pool: "pool.json", baselineImage }] }]);

describe("study checks at start", () => {
  it("refuses duplicate domain names", async () => {
    const study = twoDomainStudy();
    const domains = study.domains as Record<string, unknown>[];
    expect(await issues({ "dup/study.json": { ...study, domains: [domains[0], { ...domains[1], name: "first" }] } })).toEqual([
      'domains.1.name: the domain name "first" is used twice (domains[0] and domains[1]); names label the admin tables and exports',
    ]);
  });

  it("refuses a budget larger than the number of distinct pairs", async () => {
    const study = twoDomainStudy({}, [{ name: "d", budget: 4, evaluationSteps: [2, 4], pools: [{ pool: tinyPool() }] }]);
    expect(await issues({ "pairs/study.json": study })).toEqual([
      "domains.0.pools.0: a budget of 4 comparisons needs at least 4 distinct pairs, but 3 candidates make 3",
    ]);
  });

  it("refuses missing candidate and baseline images", async () => {
    const found = await issues({
      "missing/study.json": imageStudy("nope.svg"),
      "missing/pool.json": imagePool({}),
      "missing/a.svg": svg,
      "missing/b.svg": svg,
    });
    expect(found).toEqual([
      expect.stringMatching(/^domains\.0\.pools\.0\.candidates\.2\.image: cannot read .*c\.svg/),
      expect.stringMatching(/^domains\.0\.pools\.0\.baselineImage: cannot read .*nope\.svg/),
    ]);
  });

  it("refuses image paths outside the study folder", async () => {
    const files = {
      "escape/study.json": imageStudy(),
      "escape/pool.json": imagePool({ a: "../../../../../../etc/passwd", b: "/etc/hostname" }),
      "escape/c.svg": svg,
      "escape/base.svg": svg,
    };
    expect(await issues(files)).toEqual([
      expect.stringMatching(/^domains\.0\.pools\.0\.candidates\.0\.image: .*is outside the study folder/),
      expect.stringMatching(/^domains\.0\.pools\.0\.candidates\.1\.image: .*is outside the study folder/),
    ]);
  });
});
