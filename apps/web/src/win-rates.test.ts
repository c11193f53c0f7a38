import { describe, expect, it } from "vitest";
import { csvField, exportRows, toCsv } from "./export.js";
import type { Study } from "./load-study.js";
import type { AnswerRecord, ParticipantRecord } from "./store/records.js";
import { winRates } from "./win-rates.js";

const study = {
  domains: [{ name: "text", pools: [{ question: 'Say "hi", please', personas: [{ name: "p", theta: [1] }] }] }],
} as unknown as Study;

const participant = (id: string, method: "useralign" | "iidbest", condition: "own" | "persona") =>
  ({
    id,
    assignment: { domain: 0, pool: 0, method, condition, persona: condition === "persona" ? 0 : null, seed: 1, randomCandidate: 0 },
  }) as unknown as ParticipantRecord;

let seq = 0;
const evaluation = (participantId: string, labels: string[], win: boolean): AnswerRecord => ({
  id: `a${seq++}`,
  participantId,
  stage: "evaluate",
  step: 1,
  createdAt: "2026-01-01T00:00:00.000Z",
  payload: { stage: "evaluate", labels, candidate: "c1", win, baselineFirst: seq % 2 === 0 },
  responseMs: 800,
});

describe("win-rates", () => {
  it("gives the mean and the standard error of the mean per method × condition × label", () => {
    const ps = ["p1", "p2", "p3", "p4"].map((id) => participant(id, "useralign", "own"));
    const answers = [
      evaluation("p1", ["step 5"], true),
      evaluation("p2", ["step 5"], false),
      evaluation("p3", ["step 5"], true),
      evaluation("p4", ["step 5"], true),
      // A merged matchup counts for both of its labels.
      evaluation("p1", ["step 10", "random"], true),
    ];
    const cells = winRates(study, ps, answers);
    // Outcomes 1,0,1,1: mean 0.75, sample variance 0.25, SE = sqrt(0.25 / 4) = 0.25.
    expect(cells).toEqual([
      { domain: "text", method: "useralign", condition: "own", label: "step 5", n: 4, wins: 3, mean: 0.75, standardError: 0.25 },
      { domain: "text", method: "useralign", condition: "own", label: "step 10", n: 1, wins: 1, mean: 1, standardError: null },
      { domain: "text", method: "useralign", condition: "own", label: "random", n: 1, wins: 1, mean: 1, standardError: null },
    ]);
  });

  it("keeps methods and conditions apart and ignores stage-2 answers", () => {
    const ps = [participant("a", "useralign", "persona"), participant("b", "iidbest", "persona"), participant("c", "iidbest", "own")];
    const compare: AnswerRecord = {
      id: "x",
      participantId: "a",
      stage: "compare",
      step: 1,
      createdAt: "",
      payload: { stage: "compare", shown: ["c1", "c2"], winner: "c1", loser: "c2" },
      responseMs: null,
    };
    const cells = winRates(study, ps, [
      compare,
      evaluation("a", ["random"], true),
      evaluation("b", ["random"], false),
      evaluation("c", ["random"], true),
    ]);
    expect(cells.map((c) => [c.method, c.condition, c.mean])).toEqual([
      ["iidbest", "own", 1],
      ["iidbest", "persona", 0],
      ["useralign", "persona", 1],
    ]);
  });
});

describe("export", () => {
  it("flattens answers with their cell, and quotes CSV fields that need it", () => {
    const ps = [participant("p1", "iidbest", "persona")];
    const rows = exportRows(study, ps, [evaluation("p1", ["step 5", "random"], false)]);
    expect(rows[0]).toMatchObject({
      method: "iidbest",
      condition: "persona",
      persona: "p",
      chosen: "baseline",
      labels: "step 5;random",
      win: "0",
    });
    const csv = toCsv(rows).split("\r\n");
    expect(csv).toHaveLength(3);
    expect(csv[1]).toContain(',"Say ""hi"", please",');
    expect(csv[2]).toBe("");
  });

  it("neutralises spreadsheet formulas from study files and URL parameters (issue 13)", () => {
    // Written before the fix: the question landed in the CSV as a live =HYPERLINK formula.
    const evil = {
      domains: [{ name: "=cmd|' /C calc'!A0", pools: [{ question: '=HYPERLINK("http://evil.example","x")', personas: [] }] }],
    } as unknown as Study;
    const rows = exportRows(evil, [participant("p1", "useralign", "own")], [evaluation("p1", ["random"], true)]);
    const line = toCsv(rows).split("\r\n")[1]!;
    expect(line).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",`);
    expect(line).toContain(",'=cmd|' /C calc'!A0,");
    expect(csvField("+1")).toBe("'+1");
    expect(csvField("-2")).toBe("'-2");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField(-2)).toBe("-2");
    expect(csvField("plain")).toBe("plain");
  });
});
