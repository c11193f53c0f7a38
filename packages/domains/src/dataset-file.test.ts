import { isUserAlignError } from "@useralign/core";
import { describe, expect, it } from "vitest";
import { parseDataset, toDatasetFile } from "./dataset-file.js";

const pool = (question: string, personas?: unknown[]) => ({
  format: "useralign-pool",
  version: 1,
  question,
  baseline: { text: "B." },
  candidates: [
    { id: "a", text: "A.", features: [0, 0.1] },
    { id: "b", text: "B.", features: [0.1, 0] },
  ],
  ...(personas ? { personas } : {}),
});

const dataset = {
  format: "useralign-dataset",
  version: 1,
  name: "tiny",
  featureNames: ["x", "y"],
  personas: [
    { name: "p", theta: [1, 2] },
    { name: "judge", description: "Likes short answers." },
  ],
  questions: [
    { id: "q0", question: "Q0?", baseline: { text: "B0.", features: [0, 0] }, candidates: pool("").candidates },
    { id: "q1", question: "Q1?", baseline: { text: "B1." }, candidates: pool("").candidates },
  ],
};

function issuesOf(value: unknown): { paths: string[]; message: string } {
  try {
    parseDataset(value, "d.json");
  } catch (e) {
    expect(isUserAlignError(e, "invalid_input")).toBe(true);
    const err = e as { message: string; issues: { path: (string | number)[] }[] };
    return { paths: err.issues.map((i) => i.path.join("/")), message: err.message };
  }
  throw new Error("expected invalid_input");
}

describe("parseDataset", () => {
  it("reads a dataset with shared personas, with θ* or a description", () => {
    const d = parseDataset(dataset);
    expect(d.dimension).toBe(2);
    expect(d.questions.map((q) => q.id)).toEqual(["q0", "q1"]);
    expect(d.personas[1]).toEqual({ name: "judge", description: "Likes short answers." });
    expect(parseDataset(toDatasetFile(d))).toEqual(d);
  });

  it("reads one pool file, and a list of pools as questions with personas merged by name", () => {
    expect(parseDataset(pool("Only?")).questions).toHaveLength(1);
    const d = parseDataset([
      pool("A?", [{ name: "p", theta: [1, 0] }]),
      pool("B?", [
        { name: "p", theta: [1, 0] },
        { name: "q", theta: [0, 1] },
      ]),
    ]);
    expect(d.questions.map((q) => q.question)).toEqual(["A?", "B?"]);
    expect(d.personas.map((p) => p.name)).toEqual(["p", "q"]);
  });

  it("names the field and row of each problem", () => {
    const bad = structuredClone(dataset) as typeof dataset & { questions: { candidates: { features: number[] }[] }[] };
    bad.questions[1]!.candidates[1]!.features = [0.1];
    bad.personas.push({ name: "p", theta: [1, 2, 3] });
    const { paths, message } = issuesOf(bad);
    expect(paths).toEqual(["questions/1/candidates/1/features", "personas/2/theta", "personas/2/name"]);
    expect(message).toMatch(/^d\.json is not a valid dataset file:\n {2}questions\[1\]\.candidates\[1\]\.features: has 1 numbers/);
  });

  it("rejects schema errors, personas with neither θ* nor description, and unscaled features", () => {
    const noName = {
      ...dataset,
      personas: [{ name: "x" }],
      questions: [{ ...dataset.questions[0], candidates: [{ id: "a", text: "", features: [0, 0] }] }],
    };
    const { paths } = issuesOf(noName);
    expect(paths).toEqual(expect.arrayContaining(["personas/0", "questions/0/candidates", "questions/0/candidates/0/text"]));
    const far = {
      ...dataset,
      questions: [
        {
          ...dataset.questions[0],
          candidates: [
            { id: "a", text: "A", features: [0, 0] },
            { id: "b", text: "B", features: [2, 0] },
          ],
        },
      ],
    };
    expect(issuesOf(far).message).toMatch(/questions\[0\]\.candidates: two candidates are 2\.0000 apart/);
    expect(
      issuesOf({ ...dataset, questions: [{ ...dataset.questions[0], baseline: { text: "B", features: [Number.NaN, 0] } }] }).paths,
    ).toEqual(["questions/0/baseline/features/0"]);
  });

  it("prefixes errors inside a list of pools with the pool's position", () => {
    expect(() => parseDataset([pool("A?"), { ...pool("B?"), candidates: [] }], "list.json")).toThrow(
      /^list\.json\[1\] is not a valid pool file/,
    );
  });
});
