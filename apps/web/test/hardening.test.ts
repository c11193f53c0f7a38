import { isUserAlignError } from "@useralign/core";
import { afterAll, describe, expect, it } from "vitest";
import { runLoad } from "../src/load-generator.js";
import { startStudyServer } from "../src/start.js";
import { createSqliteStore } from "../src/store/sqlite-store.js";
import { createStudyServer } from "../src/http/server.js";
import { StudyService } from "../src/study-service.js";
import { client, completeParticipant, DEMO_STUDY, loadDemoStudy } from "./helpers.js";
import { studyFolder, twoDomainStudy } from "./study-files.js";

// The defects of issue 13, each pinned over HTTP (SQLite). Written before the fixes.
const folder = studyFolder("hardening");
afterAll(() => folder.remove());

async function demo() {
  const server = await startStudyServer({
    study: DEMO_STUDY,
    port: 0,
    database: folder.database(),
    adminToken: "secret-token",
    log: () => undefined,
  });
  return { server, api: client(server.url) };
}

describe("issue 13 defects", () => {
  it("issues an unforgeable completion code only at the end, verifiable by the admin", async () => {
    const { server, api } = await demo();
    try {
      const first = (await api.post("/api/participants", {})).body;
      expect(first.completionCode).toBeNull();
      const { views } = await completeParticipant(api, () => "a", first.participantId);
      const code: string = views.at(-1).completionCode;
      expect(code).toMatch(/^[0-9A-Z]{12,}$/);
      expect(code).not.toContain(first.participantId.replace(/-/g, "").slice(0, 10).toUpperCase());
      const auth = { authorization: "Bearer secret-token" };
      const ok = await (await fetch(`${server.url}/api/admin/verify?code=${code}`, { headers: auth })).json();
      expect(ok).toEqual({ valid: true, participantId: first.participantId });
      const forged = await (
        await fetch(`${server.url}/api/admin/verify?code=${first.participantId.replace(/-/g, "").slice(0, 12).toUpperCase()}`, {
          headers: auth,
        })
      ).json();
      expect(forged.valid).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("creates participants only from same-origin JSON requests", async () => {
    const { server } = await demo();
    try {
      const post = (headers: Record<string, string>, body = "{}") =>
        fetch(`${server.url}/api/participants`, { method: "POST", headers, body });
      expect((await post({ "content-type": "text/plain" })).status).toBe(415);
      expect((await post({ "content-type": "application/x-www-form-urlencoded" }, "a=1")).status).toBe(415);
      expect((await post({ "content-type": "application/json", origin: "https://evil.example" })).status).toBe(403);
      expect((await post({ "content-type": "application/json", "sec-fetch-site": "cross-site" })).status).toBe(403);
      expect(await server.store.listParticipants()).toHaveLength(0);
      expect((await post({ "content-type": "application/json", origin: server.url })).status).toBe(201);
      // Behind a reverse proxy that rewrites Host, the forwarded host is the site's.
      expect(
        (await post({ "content-type": "application/json", origin: "https://study.example.org", "x-forwarded-host": "study.example.org" }))
          .status,
      ).toBe(201);
    } finally {
      await server.close();
    }
  });

  it("refuses answer ids a spreadsheet would run as a formula", async () => {
    const { server, api } = await demo();
    try {
      const v = (await api.post("/api/participants", {})).body;
      await api.post(`/api/participants/${v.participantId}/start`, {});
      const res = await api.post(`/api/participants/${v.participantId}/answers`, {
        answerId: '=HYPERLINK("http://evil.example","x")',
        stage: "compare",
        step: 1,
        choice: "a",
      });
      expect(res.status).toBe(400);
      expect(res.body.error.issues[0].path).toEqual(["answerId"]);
    } finally {
      await server.close();
    }
  });

  it("answers HEAD /, refuses the admin token in a query string, and hides candidate ids in image URLs", async () => {
    const { server, api } = await demo();
    try {
      expect((await fetch(server.url + "/", { method: "HEAD" })).status).toBe(200);
      expect((await fetch(server.url + "/api/admin/summary?token=secret-token")).status).toBe(401);
      expect((await fetch(server.url + "/api/admin/summary", { headers: { authorization: "Bearer secret-token" } })).status).toBe(200);
      const ids = server.study.domains.flatMap((d) => d.pools.flatMap((p) => p.candidates.map((c) => c.id)));
      const urls = [...server.study.media.keys()];
      expect(urls.length).toBeGreaterThan(10);
      for (const url of urls) for (const id of ids) expect(url).not.toContain(id);
      for (const url of urls) expect((await fetch(server.url + url)).status).toBe(200);
      void api;
    } finally {
      await server.close();
    }
  });

  it("says /healthz is unhealthy (503) when the database does not answer", async () => {
    const study = await loadDemoStudy();
    const store = createSqliteStore({ path: ":memory:" });
    const broken = {
      ...store,
      countCells: () => Promise.reject(new Error("connection refused")),
      ping: () => Promise.reject(new Error("connection refused")),
    };
    const server = createStudyServer({
      service: new StudyService({ study, store: broken }),
      store: broken,
      adminToken: "t",
      log: () => undefined,
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as { port: number }).port}/healthz`);
      expect(res.status).toBe(503);
      expect((await res.json()).ok).toBe(false);
    } finally {
      server.close();
      await store.close();
    }
  });

  it("refuses to start when the study changed under its participants, naming the change", async () => {
    const path = folder.write({ "versioned/study.json": twoDomainStudy() });
    const database = folder.database();
    const server = await startStudyServer({ study: path, port: 0, database, adminToken: "t", log: () => undefined });
    const api = client(server.url);
    await api.post("/api/participants", {});
    await server.close();
    // Reorder the domains: old participants' domain index would now point at the other domain.
    const study = twoDomainStudy();
    folder.write({ "versioned/study.json": { ...study, domains: [...(study.domains as unknown[])].reverse() } });
    const error = await startStudyServer({ study: path, port: 0, database, adminToken: "t", log: () => undefined }).catch(
      (e: unknown) => e,
    );
    expect(isUserAlignError(error, "invalid_input")).toBe(true);
    expect((error as Error).message).toMatch(/changed since participants started/);
    expect((error as Error).message).toContain('domains[0]: was "first", now "second"');
    // Put it back: the server starts again and the participant carries on.
    folder.write({ "versioned/study.json": twoDomainStudy() });
    const again = await startStudyServer({ study: path, port: 0, database, adminToken: "t", log: () => undefined });
    expect(await again.store.listParticipants()).toHaveLength(1);
    await again.close();
  });

  it("releases an abandoned participant's cell after the timeout, and balances personas", async () => {
    const { resolveStudy } = await import("../src/load-study.js");
    const { tinyPool } = await import("./tiny-pool.js");
    const personas = ["p0", "p1", "p2"].map((name) => ({ name, description: `Persona ${name}.`, theta: [1, 0] }));
    const study = await resolveStudy(
      twoDomainStudy({ conditions: ["persona"], abandonAfterMinutes: 30 }, [
        {
          name: "d",
          budget: 2,
          evaluationSteps: [1, 2],
          pools: [{ pool: tinyPool({ personas }) }, { pool: tinyPool({ personas, question: "Other?" }) }],
        },
      ]),
      "/",
      { readFile: async () => "" },
    );
    let clock = 0;
    let n = 0;
    const store = createSqliteStore({ path: ":memory:" });
    const service = new StudyService({ study, store, newId: () => `participant-${n++}`, now: () => new Date(clock) });
    const first = await service.createParticipant({});
    const second = await service.createParticipant({});
    // Both questions are taken; the first participant goes quiet for 31 minutes, the second finishes.
    await completeService(service, second.participantId);
    clock += 31 * 60_000;
    const third = await service.createParticipant({});
    expect(third.question).toBe(first.question);
    // Personas: among the active participants of each question, every persona equally often (±1).
    for (let i = 0; i < 16; i++) await service.createParticipant({});
    const active = (await store.listParticipants()).filter((p) => p.id !== first.participantId);
    for (const pool of [0, 1]) {
      const perPersona = [0, 0, 0];
      for (const p of active) if (p.assignment.pool === pool) perPersona[p.assignment.persona!]!++;
      expect(Math.max(...perPersona) - Math.min(...perPersona)).toBeLessThanOrEqual(1);
      expect(perPersona.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(8);
    }
    await store.close();
  });

  it("keeps a load run going through transient network errors", async () => {
    const { server } = await demo();
    try {
      let calls = 0;
      const flaky: typeof fetch = (input, init) => {
        calls++;
        if (calls % 17 === 0) return Promise.reject(new TypeError("fetch failed: ECONNRESET"));
        return fetch(input, init);
      };
      const report = await runLoad({ url: server.url, participants: 4, fetch: flaky });
      expect(report.retries).toBeGreaterThan(0);
      expect((await server.store.listParticipants()).every((p) => p.state.stage === "done")).toBe(true);
      expect(await server.store.listAnswers()).toHaveLength(report.answersSent);
    } finally {
      await server.close();
    }
  });
});

async function completeService(service: StudyService, id: string) {
  let view = await service.view(id);
  if (view.stage === "consent") view = await service.consent(id);
  if (view.stage === "question") view = await service.start(id);
  let n = 0;
  while (view.stage === "compare" || view.stage === "evaluate") {
    view = (await service.answer(id, { answerId: `${id}-answer-${n++}`, stage: view.stage, step: view.progress!.step, choice: "a" })).view;
  }
  return view;
}
