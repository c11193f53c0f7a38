import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startStudyServer, type RunningStudy } from "../src/start.js";
import { client, completeParticipant, DEMO_STUDY } from "./helpers.js";

/**
 * The HTTP API contract, run once per storage backend: `newDatabase` returns a fresh, empty
 * database (an SQLite path or a PostgreSQL URL) for each test.
 */
export function describeStudyApi(name: string, newDatabase: () => Promise<string>): void {
  describe(`study API on ${name}`, () => {
    let database: string;
    let server: RunningStudy;
    let api: ReturnType<typeof client>;

    const start = async () => {
      server = await startStudyServer({ study: DEMO_STUDY, port: 0, database, adminToken: "secret-token", log: () => undefined });
      api = client(server.url);
    };

    beforeEach(async () => {
      database = await newDatabase();
      await start();
    });
    afterEach(async () => {
      await server.close();
    });

    const answer = (id: string, stage: string, step: number, choice: string, answerId = `${id}-${stage}-${step}`) =>
      api.post(`/api/participants/${id}/answers`, { answerId, stage, step, choice });

    describe("participant flow", () => {
      it("serves the landing page and the study's public info", async () => {
        const res = await fetch(server.url + "/");
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toContain("text/html");
        expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
        expect((await api.get("/api/study")).body).toEqual({
          title: "Which answer is better?",
          intro: expect.stringContaining("two answers at a time"),
        });
      });

      it("runs stage 1, K comparisons with 'step k of K', and the evaluation matchups", async () => {
        const { id, views } = await completeParticipant(api, (v) => (v.progress.step % 2 ? "a" : "b"));
        expect(views[0].stage).toBe("question");
        expect(views[0].options).toBeNull();
        const compare = views.filter((v) => v.stage === "compare");
        const budget = views[0].budget;
        expect(compare.map((v) => v.progress)).toEqual(Array.from({ length: budget }, (_, k) => ({ step: k + 1, of: budget })));
        for (const v of compare) {
          expect(v.options.map((o: any) => o.key)).toEqual(["a", "b"]);
          expect(v.options[0].text).not.toBe(v.options[1].text);
        }
        const evaluate = views.filter((v) => v.stage === "evaluate");
        expect(evaluate.length).toBeGreaterThanOrEqual(1);
        expect(evaluate.length).toBeLessThanOrEqual(3);
        // Every matchup shows the pool's baseline on one side.
        const baselineShown = evaluate.every((v) =>
          v.options.some((o: any) => /baseline|pasta with a quick tomato sauce|plain grey poster/i.test(o.text)),
        );
        expect(baselineShown).toBe(true);
        const done = views.at(-1);
        expect(done.stage).toBe("done");
        expect(done.completionCode).toMatch(/^[A-Z2-7]{16}$/);
        // Issued only at the end: no earlier screen carries a code.
        expect(views.slice(0, -1).every((v) => v.completionCode === null && v.participantCode === null)).toBe(true);
        const stored = (await server.store.listAnswers()).filter((a) => a.participantId === id);
        expect(stored.filter((a) => a.stage === "compare")).toHaveLength(budget);
        expect(stored.filter((a) => a.stage === "evaluate")).toHaveLength(evaluate.length);
      });

      it("evaluates the method's own final selection at the last evaluation step", async () => {
        const { id } = await completeParticipant(api, () => "b");
        const p = (await server.store.getParticipant(id))!;
        const domain = server.study.domains[p.assignment.domain]!;
        const last = `step ${domain.evaluationSteps[1]}`;
        expect(domain.evaluationSteps[1]).toBe(domain.budget);
        const m = p.state.matchups!.find((x) => x.labels.includes(last))!;
        expect(p.state.session.result?.choice).toBe(m.candidate);
        expect(p.state.matchups!.some((x) => x.labels.includes("random") && x.candidate === p.assignment.randomCandidate)).toBe(true);
      });

      it("records a replayed answer once and says it was a duplicate", async () => {
        const v = (await api.post("/api/participants")).body;
        await api.post(`/api/participants/${v.participantId}/start`);
        const first = await answer(v.participantId, "compare", 1, "a", "answer-0001");
        const again = await answer(v.participantId, "compare", 1, "a", "answer-0001");
        expect(first.status).toBe(201);
        expect(again.status).toBe(200);
        expect(again.body.duplicate).toBe(true);
        expect(again.body.view.progress.step).toBe(2);
        const parallel = await Promise.all(Array.from({ length: 6 }, () => answer(v.participantId, "compare", 2, "b", "answer-0002")));
        expect(parallel.filter((r) => r.status === 201)).toHaveLength(1);
        expect(parallel.filter((r) => r.status === 200 && r.body.duplicate)).toHaveLength(5);
        expect((await server.store.listAnswers()).map((a) => a.id)).toEqual(["answer-0001", "answer-0002"]);
      });

      it("rejects an answer for a question that is not pending, with a clear message, and changes nothing", async () => {
        const v = (await api.post("/api/participants")).body;
        const id = v.participantId;
        const early = await answer(id, "compare", 1, "a");
        expect(early.status).toBe(409);
        expect(early.body.error.reason).toBe("not_pending");
        expect(early.body.error.message).toContain("the comparisons have not started yet");
        await api.post(`/api/participants/${id}/start`);
        expect((await answer(id, "compare", 1, "a")).status).toBe(201);
        const stale = await answer(id, "compare", 1, "b", "another-click-on-step-1");
        expect(stale.status).toBe(409);
        expect(stale.body.error.message).toBe(
          "This answer is for comparison 1, but comparison 2 is pending: it was already answered or is out of date. Reload to continue.",
        );
        expect((await answer(id, "compare", 7, "a")).body.error.message).toContain("comparison 2 is pending");
        expect((await answer(id, "evaluate", 1, "a")).body.error.message).toContain("this session is now at the comparisons");
        expect((await server.store.listAnswers()).length).toBe(1);
        expect((await api.get(`/api/participants/${id}`)).body.progress).toEqual({ step: 2, of: v.budget });
      });

      it("answers bad requests with typed 4xx errors", async () => {
        const v = (await api.post("/api/participants")).body;
        await api.post(`/api/participants/${v.participantId}/start`);
        const path = `/api/participants/${v.participantId}/answers`;
        expect((await api.post(path, "{not json")).body.error).toMatchObject({
          reason: "bad_request",
          message: expect.stringContaining("not valid JSON"),
        });
        const huge = await api.post(path, JSON.stringify({ answerId: "x".repeat(40_000) }));
        expect(huge.status).toBe(400);
        expect(huge.body.error).toMatchObject({ reason: "bad_request", message: expect.stringContaining("larger than") });
        const bad = await api.post(path, { answerId: "abcdefgh", stage: "compare", step: 1, choice: "c" });
        expect(bad.status).toBe(400);
        expect(bad.body.error.issues[0].path).toEqual(["choice"]);
        expect((await api.post(path, { answerId: "abcdefgh", stage: "compare", step: 1, choice: "a", extra: 1 })).status).toBe(400);
        expect((await api.get("/api/participants/nobody")).status).toBe(404);
        expect((await api.get("/api/participants/..%2F..%2Fetc")).status).toBe(404);
        expect((await fetch(server.url + "/media/../../etc/passwd")).status).toBe(404);
        expect((await fetch(server.url + "/media/0/0/x.svg")).status).toBe(404);
        expect((await server.store.listAnswers()).length).toBe(0);
      });

      it("resumes every participant exactly where they were after a server restart", async () => {
        const ids: string[] = [];
        for (let i = 0; i < 4; i++) {
          const v = (await api.post("/api/participants")).body;
          await api.post(`/api/participants/${v.participantId}/start`);
          for (let step = 1; step <= 3; step++)
            expect((await answer(v.participantId, "compare", step, step % 2 ? "a" : "b")).status).toBe(201);
          ids.push(v.participantId);
        }
        const before = await Promise.all(ids.map(async (id) => (await api.get(`/api/participants/${id}`)).body));
        await server.close();
        await start();
        const after = await Promise.all(ids.map(async (id) => (await api.get(`/api/participants/${id}`)).body));
        expect(after).toEqual(before);
        expect(after.every((v) => v.progress.step === 4)).toBe(true);
        // A request replayed across the restart is still recognised.
        expect((await answer(ids[0]!, "compare", 3, "a")).body.duplicate).toBe(true);
        for (const id of ids) expect((await completeParticipant(api, () => "a", id)).views.at(-1).stage).toBe("done");
      });

      it("assigns cells balanced over domain × question × method × condition", async () => {
        // The demo has 2 domains × 1 question × 2 methods × 2 conditions = 8 cells.
        const views = [];
        for (let i = 0; i < 16; i++) views.push((await api.post("/api/participants")).body);
        const counts = await server.store.countCells();
        expect(counts.size).toBe(8);
        expect([...counts.values()]).toEqual(Array(8).fill(2));
        // The view is blinded: no method, no candidate ids, no features.
        expect(JSON.stringify(views)).not.toMatch(/useralign|iidbest|features|theta/);
        expect(views.filter((v) => v.persona !== null)).toHaveLength(8);
      });

      it("serves the poster images of an image participant", async () => {
        let view;
        do view = (await api.post("/api/participants")).body;
        while (view.kind !== "image");
        view = (await api.post(`/api/participants/${view.participantId}/start`)).body;
        const res = await fetch(server.url + view.options[0].image);
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("image/svg+xml");
        expect(await res.text()).toContain("<svg");
      });
    });

    describe("admin", () => {
      it("needs the token", async () => {
        expect((await api.get("/api/admin/summary")).status).toBe(401);
        const wrong = await fetch(server.url + "/api/admin/answers.csv", { headers: { authorization: "Bearer nope" } });
        expect(wrong.status).toBe(401);
      });

      it("reports win-rates with standard errors and exports every answer as CSV and JSON", async () => {
        for (let i = 0; i < 8; i++) await completeParticipant(api, (v) => (v.progress.step % 3 ? "a" : "b"));
        const auth = { headers: { authorization: "Bearer secret-token" } };
        const summary: any = await (await fetch(server.url + "/api/admin/summary", auth)).json();
        expect(summary.participants).toBe(8);
        expect(summary.stages.done).toBe(8);
        const answers = await server.store.listAnswers();
        expect(summary.answers).toBe(answers.length);
        // Every (domain, method, condition) cell has one participant: 8 cells, n = 1 each, no SE yet.
        for (const c of summary.winRates) {
          expect(c.n).toBe(1);
          expect(c.standardError).toBeNull();
          expect([0, 1]).toContain(c.mean);
        }
        expect(new Set(summary.winRates.map((c: any) => c.label))).toEqual(new Set(["step 5", "step 10", "step 6", "step 12", "random"]));
        const json: any = await (await fetch(server.url + "/api/admin/answers.json", auth)).json();
        expect(json).toHaveLength(answers.length);
        expect(json.map((r: any) => r.answer_id)).toEqual(answers.map((a) => a.id));
        const csvRes = await fetch(server.url + "/api/admin/answers.csv", auth);
        expect(csvRes.headers.get("content-type")).toContain("text/csv");
        const lines = (await csvRes.text()).trim().split("\r\n");
        expect(lines[0]).toBe(
          "answer_id,participant_id,created_at,domain,question,method,condition,persona,stage,step,option_a,option_b,chosen,labels,win,passed,response_ms",
        );
        expect(lines).toHaveLength(answers.length + 1);
        // The participant export: one row each, with the code the admin can check against the platform's.
        const people: any[] = await (await fetch(server.url + "/api/admin/participants.json", auth)).json();
        expect(people).toHaveLength(8);
        for (const p of people) {
          expect(p).toMatchObject({ status: "done", attention_total: 0, excluded: 0 });
          expect(p.completion_code).toMatch(/^[A-Z2-7]{16}$/);
          const verified = await (await fetch(`${server.url}/api/admin/verify?code=${p.completion_code}`, auth)).json();
          expect(verified).toEqual({ valid: true, participantId: p.participant_id });
        }
        const peopleCsv = (await (await fetch(server.url + "/api/admin/participants.csv", auth)).text()).trim().split("\r\n");
        expect(peopleCsv).toHaveLength(9);
        expect(peopleCsv[0]).toContain("param_PROLIFIC_PID");
      });
    });
  });
}
