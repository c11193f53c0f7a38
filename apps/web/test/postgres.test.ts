import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresStore } from "../src/store/postgres-store.js";
import { startStudyServer } from "../src/start.js";
import { describeStudyApi } from "./api-suite.js";
import { client, DEMO_STUDY } from "./helpers.js";
import { runLoad } from "../src/load-generator.js";
import { findPostgresBin, startTestPostgres, type TestPostgres } from "./postgres-server.js";
import { describeStudyStore } from "./store-conformance.js";

// Where the PostgreSQL tests get a server: a given URL, else a throwaway cluster started here.
// Without either they FAIL (a missing server must not look like a pass) unless the run says
// explicitly that it does without PostgreSQL.
const givenUrl = process.env.USERALIGN_TEST_POSTGRES_URL;
const bin = givenUrl ? null : findPostgresBin();
const optOut = process.env.USERALIGN_SKIP_POSTGRES === "1";

if (givenUrl || bin) {
  let server: TestPostgres | null = null;
  let url = givenUrl ?? "";
  let databases = 0;
  beforeAll(async () => {
    if (!givenUrl) {
      server = await startTestPostgres(bin!);
      url = server.url;
    }
  });
  afterAll(() => server?.stop());
  const where = givenUrl ? "PostgreSQL (USERALIGN_TEST_POSTGRES_URL)" : `PostgreSQL (throwaway cluster from ${bin})`;
  describeStudyStore(where, async () => {
    const store = createPostgresStore({ url, max: 4 });
    await store.migrate();
    return store;
  });
  // The whole HTTP contract again, each test on its own fresh database.
  describeStudyApi(where, newDatabase);
  it("stores every answer of 50 concurrent participants exactly once on PostgreSQL", async () => {
    const server = await startStudyServer({
      study: DEMO_STUDY,
      port: 0,
      database: await newDatabase(),
      adminToken: "t",
      log: () => undefined,
    });
    try {
      const report = await runLoad({ url: server.url, participants: 50 });
      const answers = await server.store.listAnswers();
      expect(report.duplicatesReported).toBe(report.replays);
      expect(answers).toHaveLength(report.answersSent);
      expect(new Set(answers.map((a) => `${a.participantId}/${a.stage}/${a.step}`)).size).toBe(answers.length);
      expect((await server.store.listParticipants()).every((p) => p.state.stage === "done")).toBe(true);
      console.log(
        `load (postgres): 50 participants, ${report.requests} requests in ${report.seconds.toFixed(2)} s = ${report.requestsPerSecond.toFixed(1)} req/s, ${report.answersPerSecond.toFixed(1)} answers/s; answer latency p50 ${Math.round(report.latencyMs.p50)} ms, p95 ${Math.round(report.latencyMs.p95)} ms`,
      );
    } finally {
      await server.close();
    }
  });

  it("survives a connection dropped in the middle of an answer's transaction (57P01), and /healthz sees a dead database", async () => {
    const database = await newDatabase();
    const idleErrors: Error[] = [];
    const store = createPostgresStore({ url: database, max: 2, onIdleError: (e) => idleErrors.push(e) });
    const admin = new pg.Client({ connectionString: database });
    try {
      await store.migrate();
      const p = await tinyParticipant(store);
      // Hold the participant's row, so recordAnswer blocks inside its transaction; then kill its backend.
      await admin.connect();
      await admin.query("BEGIN");
      await admin.query("SELECT 1 FROM participants WHERE id = $1 FOR UPDATE", [p.record.id]);
      const answer = {
        id: "dropped-answer",
        participantId: p.record.id,
        stage: "compare" as const,
        step: 1,
        createdAt: new Date().toISOString(),
        payload: { stage: "compare" as const, shown: ["a", "b"] as [string, string], winner: "a", loser: "b" },
        responseMs: null,
      };
      // Settled into a value at once: the rejection may arrive while this test still awaits the
      // admin connection, and a rejection with no handler yet is reported as unhandled.
      const pending = store.recordAnswer(answer, p.record.state, 1).then(
        () => null,
        (e: unknown) => e,
      );
      let pid: number | undefined;
      for (let i = 0; i < 200 && pid === undefined; i++) {
        const r = await admin.query<{ pid: number }>(
          "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
        );
        pid = r.rows[0]?.pid;
        if (pid === undefined) await new Promise((r) => setTimeout(r, 25));
      }
      expect(pid).toBeDefined();
      await admin.query("SELECT pg_terminate_backend($1)", [pid]);
      expect(String(await pending)).toMatch(/terminat/i);
      await admin.query("ROLLBACK");
      // Give the dropped socket's 'end' event time to fire: unhandled, it would crash the process here.
      await new Promise((r) => setTimeout(r, 200));
      // Nothing was stored, and the store carries on with a fresh connection.
      expect(await store.getAnswer("dropped-answer")).toBeNull();
      expect(await store.recordAnswer(answer, p.record.state, 1)).toBe("stored");
      await store.ping();
    } finally {
      await admin.end().catch(() => undefined);
      await store.close();
    }
    // A database that does not answer: /healthz says so (503) instead of "ok".
    const fresh = await newDatabase();
    const server = await startStudyServer({ study: DEMO_STUDY, port: 0, database: fresh, adminToken: "t", log: () => undefined });
    try {
      expect((await fetch(server.url + "/healthz")).status).toBe(200);
      const killer = new pg.Client({ connectionString: url });
      await killer.connect();
      const name = new URL(fresh).pathname.slice(1);
      // Refuse new connections to this database and drop the open ones: the pool cannot reconnect.
      await killer.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
      await killer.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", [name]);
      const res = await fetch(server.url + "/healthz");
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ ok: false, store: "postgres" });
      await killer.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS true`);
      await killer.end();
      expect((await fetch(server.url + "/healthz")).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("keeps assignment balanced across three server processes on one database", async () => {
    const script = fileURLToPath(new URL("./serve-process.mjs", import.meta.url));
    const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));
    if (!existsSync(dist)) throw new Error("The multi-process test runs the built package: run `pnpm build` first.");
    const database = await newDatabase();
    // Migrate once up front, so the three processes do not race to create the tables.
    const setup = await startStudyServer({ study: DEMO_STUDY, port: 0, database, adminToken: "t", log: () => undefined });
    await setup.close();
    const children: ChildProcess[] = [];
    try {
      const urls = await Promise.all(
        [0, 1, 2].map(
          () =>
            new Promise<string>((resolve, reject) => {
              const child = spawn(process.execPath, [script, DEMO_STUDY, database], { stdio: ["ignore", "pipe", "pipe"] });
              children.push(child);
              let out = "";
              let err = "";
              child.stdout!.on("data", (d: Buffer) => {
                out += d.toString();
                const line = out.split("\n").find((l) => l.startsWith("{"));
                if (line) resolve((JSON.parse(line) as { url: string }).url);
              });
              child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
              child.on("exit", (code) => reject(new Error(`server process exited (${code}): ${err}`)));
            }),
        ),
      );
      expect(new Set(urls).size).toBe(3);
      // 48 participants at once, 16 per process: the demo's 8 cells must hold exactly 6 each.
      const joined = await Promise.all(
        Array.from({ length: 48 }, (_, k) => client(urls[k % 3]!).post("/api/participants", { params: { PROLIFIC_PID: `multi-${k}` } })),
      );
      expect(joined.every((r) => r.status === 201)).toBe(true);
      // The same Prolific id on another process returns the same participant.
      const again = await client(urls[1]!).post("/api/participants", { params: { PROLIFIC_PID: "multi-0" } });
      expect(again.status).toBe(200);
      expect(again.body.participantId).toBe(joined[0]!.body.participantId);
      const store = createPostgresStore({ url: database, max: 2 });
      try {
        const counts = await store.countCells();
        expect(counts.size).toBe(8);
        expect([...counts.values()]).toEqual(Array(8).fill(6));
        expect(await store.listParticipants()).toHaveLength(48);
      } finally {
        await store.close();
      }
      for (const u of urls) expect((await fetch(u + "/healthz")).status).toBe(200);
    } finally {
      for (const child of children) child.kill("SIGTERM");
    }
  });

  async function tinyParticipant(store: ReturnType<typeof createPostgresStore>) {
    const { createSession } = await import("@useralign/core");
    const session = createSession({
      features: [
        [0.1, 0],
        [-0.1, 0.1],
        [0, -0.1],
      ],
      seed: 1,
    });
    const at = new Date().toISOString();
    return store.assignParticipant({ externalId: null, activeSince: at }, () => ({
      id: `drop-${Date.now()}`,
      createdAt: at,
      assignment: { domain: 0, pool: 0, method: "useralign", condition: "own", persona: null, seed: 1, randomCandidate: 0 },
      state: { stage: "compare", session: session.toJSON({ features: false }), matchups: null, evaluated: 0 },
      version: 1,
      studyVersion: "v",
      externalId: null,
      params: {},
      updatedAt: at,
      finishedAt: null,
    }));
  }

  async function newDatabase(): Promise<string> {
    const name = `useralign_api_${process.pid}_${databases++}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const target = new URL(url);
    target.pathname = `/${name}`;
    return target.toString();
  }
} else if (optOut) {
  describe.skip("PostgreSQL: skipped on purpose (USERALIGN_SKIP_POSTGRES=1)", () => {
    it("runs the store and API suites against PostgreSQL", () => undefined);
  });
} else {
  describe("PostgreSQL", () => {
    it("needs a PostgreSQL server", () => {
      throw new Error(
        "No PostgreSQL for the storage tests: initdb/pg_ctl were not found on PATH or in /usr/lib/postgresql/*/bin. " +
          "Install Debian's `postgresql` package, or set USERALIGN_TEST_POSTGRES_URL to a server, or set USERALIGN_SKIP_POSTGRES=1 to skip these tests deliberately.",
      );
    });
  });
}
