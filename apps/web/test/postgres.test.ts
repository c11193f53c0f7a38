import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresStore } from "../src/store/postgres-store.js";
import { startStudyServer } from "../src/start.js";
import { describeStudyApi } from "./api-suite.js";
import { DEMO_STUDY } from "./helpers.js";
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
    const server = await startStudyServer({ study: DEMO_STUDY, port: 0, database: await newDatabase(), adminToken: "t", log: () => undefined });
    try {
      const report = await runLoad({ url: server.url, participants: 50 });
      const answers = await server.store.listAnswers();
      expect(report.duplicatesReported).toBe(report.replays);
      expect(answers).toHaveLength(report.answersSent);
      expect(new Set(answers.map((a) => `${a.participantId}/${a.stage}/${a.step}`)).size).toBe(answers.length);
      expect((await server.store.listParticipants()).every((p) => p.state.stage === "done")).toBe(true);
      console.log(`load (postgres): 50 participants, ${report.requests} requests in ${report.seconds.toFixed(2)} s = ${report.requestsPerSecond.toFixed(1)} req/s, ${report.answersPerSecond.toFixed(1)} answers/s; answer latency p50 ${Math.round(report.latencyMs.p50)} ms, p95 ${Math.round(report.latencyMs.p95)} ms`);
    } finally {
      await server.close();
    }
  });

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
