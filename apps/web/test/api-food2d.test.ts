import { food2d } from "@useralign/domains";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startStudyServer, type RunningStudy } from "../src/start.js";
import { client, completeParticipant } from "./helpers.js";

const FOOD2D_STUDY = fileURLToPath(new URL("../../../examples/study-food2d.json", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "useralign-web-food2d-"));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every object key anywhere in a JSON value. */
function keysOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, into);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      keysOf(v, into);
    }
  }
  return into;
}

describe("a food2d study over HTTP (examples/study-food2d.json, SQLite)", () => {
  const food = food2d();
  let server: RunningStudy;
  let api: ReturnType<typeof client>;

  beforeEach(async () => {
    server = await startStudyServer({
      study: FOOD2D_STUDY,
      port: 0,
      database: join(dir, `food-${n++}.sqlite`),
      adminToken: "t",
      log: () => undefined,
    });
    api = client(server.url);
  });
  afterEach(async () => {
    await server.close();
  });

  it("runs one participant to the end on a food2d question and stores every answer", async () => {
    const { id, views } = await completeParticipant(api, (v) => (v.progress.step % 2 ? "a" : "b"));
    const p = (await server.store.getParticipant(id))!;
    const source = food.questions[p.assignment.pool]!;
    expect(views[0].question).toBe(source.question);
    if (p.assignment.condition === "persona") {
      const persona = food.personas[p.assignment.persona!]!;
      expect(views[0].persona).toEqual({ name: persona.name, description: persona.description });
    } else {
      expect(views[0].persona).toBeNull();
    }
    const texts = new Set(source.candidates.map((c) => c.text));
    const compare = views.filter((v) => v.stage === "compare");
    expect(compare.map((v) => v.progress.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const v of compare) for (const o of v.options) expect(texts.has(o.text)).toBe(true);
    const evaluate = views.filter((v) => v.stage === "evaluate");
    expect(evaluate.length).toBeGreaterThanOrEqual(1);
    for (const v of evaluate) expect(v.options.map((o: any) => o.text)).toContain(source.baseline.text);
    expect(views.at(-1).stage).toBe("done");

    const answers = (await server.store.listAnswers()).filter((a) => a.participantId === id);
    expect(answers.filter((a) => a.stage === "compare")).toHaveLength(10);
    expect(answers.filter((a) => a.stage === "evaluate")).toHaveLength(evaluate.length);
    const ids = new Set(source.candidates.map((c) => c.id));
    for (const a of answers) {
      if (a.payload.stage === "compare") {
        expect(a.payload.shown.every((c) => ids.has(c))).toBe(true);
        expect(a.payload.shown).toContain(a.payload.winner);
      } else if (a.payload.stage === "evaluate") {
        expect(ids.has(a.payload.candidate)).toBe(true);
      }
    }
    // The stored compare answers follow what was shown and chosen: option a's text is the winner's on odd steps.
    const byId = new Map(source.candidates.map((c) => [c.id, c.text]));
    for (const a of answers) {
      if (a.payload.stage !== "compare") continue;
      const shown = compare[a.step - 1]!.options.map((o: any) => o.text);
      expect(a.payload.shown.map((c) => byId.get(c))).toEqual(shown);
      expect(byId.get(a.payload.winner)).toBe(shown[a.step % 2 ? 0 : 1]);
    }
    const json: any[] = await (await fetch(server.url + "/api/admin/answers.json", { headers: { authorization: "Bearer t" } })).json();
    const rows = json.filter((r) => r.participant_id === id);
    expect(rows).toHaveLength(answers.length);
    expect(new Set(rows.map((r) => `${r.domain}|${r.question}`))).toEqual(new Set([`food2d|${source.question}`]));
  });

  it("spreads participants over the 3 questions and never sends features, theta, candidate ids or methods", async () => {
    // 3 questions × 2 methods × 2 conditions = 12 cells, one participant each.
    const seen: unknown[] = [];
    for (let i = 0; i < 12; i++) {
      const first = (await api.post("/api/participants")).body;
      const { views } = await completeParticipant(api, () => "a", first.participantId);
      seen.push(first, ...views);
    }
    const counts = await server.store.countCells();
    expect(counts.size).toBe(12);
    expect([...counts.values()]).toEqual(Array(12).fill(1));
    const body = JSON.stringify(seen);
    const keys = keysOf(seen);
    for (const k of ["id", "features", "theta", "method", "pool", "seed", "randomCandidate"]) expect(keys.has(k)).toBe(false);
    expect(body).not.toMatch(/useralign|iidbest|features|theta/);
    // Hyphenated ids ("thai-green-curry") never occur in the texts, so any hit would be a leak.
    const leakable = food.questions.flatMap((q) => q.candidates.map((c) => c.id)).filter((c) => c.includes("-"));
    expect(leakable.length).toBeGreaterThan(20);
    for (const c of leakable) expect(body).not.toContain(c);
    // Nor any feature coordinate (all are multiples of 0.05 / (2√2), printed with many digits).
    for (const c of food.questions[0]!.candidates) for (const x of c.features) if (x !== 0) expect(body).not.toContain(String(x));
  });
});
