import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStudyServer, type RunningStudy } from "../src/start.js";
import { DEMO_STUDY, OUTPUT_DIR } from "./helpers.js";
import { runLoad } from "../src/load-generator.js";

// 50 concurrent simulated participants against a local server (SQLite). The assertions are about
// correctness (every answer stored exactly once); the throughput is reported, not asserted.
const PARTICIPANTS = 50;

describe("load", () => {
  let dir: string;
  let server: RunningStudy;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "useralign-load-"));
    server = await startStudyServer({
      study: DEMO_STUDY,
      port: 0,
      database: join(dir, "study.sqlite"),
      adminToken: "t",
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`stores every answer of ${PARTICIPANTS} concurrent participants exactly once`, async () => {
    const report = await runLoad({ url: server.url, participants: PARTICIPANTS });
    const answers = await server.store.listAnswers();
    const participants = await server.store.listParticipants();
    expect(participants).toHaveLength(PARTICIPANTS);
    expect(participants.every((p) => p.state.stage === "done")).toBe(true);
    // Every double-sent answer: one stored, one reported as a duplicate.
    expect(report.duplicatesReported).toBe(report.replays);
    expect(answers).toHaveLength(report.answersSent);
    expect(new Set(answers.map((a) => a.id)).size).toBe(answers.length);
    expect(new Set(answers.map((a) => `${a.participantId}/${a.stage}/${a.step}`)).size).toBe(answers.length);
    for (const p of participants) {
      const mine = answers.filter((a) => a.participantId === p.id);
      expect(mine.map((a) => a.id).sort()).toEqual([...report.stored.get(p.id)!].sort());
      const budget = server.study.domains[p.assignment.domain]!.budget;
      expect(mine.filter((a) => a.stage === "compare").map((a) => a.step)).toEqual(Array.from({ length: budget }, (_, k) => k + 1));
      expect(mine.filter((a) => a.stage === "evaluate")).toHaveLength(p.state.matchups!.length);
    }
    const summary = {
      store: server.store.kind,
      participants: report.participants,
      requests: report.requests,
      answers: report.answersSent,
      replays: report.replays,
      seconds: Number(report.seconds.toFixed(2)),
      requestsPerSecond: Number(report.requestsPerSecond.toFixed(1)),
      answersPerSecond: Number(report.answersPerSecond.toFixed(1)),
      answerLatencyMs: {
        p50: Math.round(report.latencyMs.p50),
        p95: Math.round(report.latencyMs.p95),
        max: Math.round(report.latencyMs.max),
      },
    };
    mkdirSync(OUTPUT_DIR, { recursive: true });
    writeFileSync(join(OUTPUT_DIR, "load.json"), JSON.stringify(summary, null, 2) + "\n");
    console.log(
      `load (${summary.store}): ${summary.participants} participants, ${summary.requests} requests, ${summary.answers} answers in ${summary.seconds} s = ${summary.requestsPerSecond} req/s, ${summary.answersPerSecond} answers/s; answer latency p50 ${summary.answerLatencyMs.p50} ms, p95 ${summary.answerLatencyMs.p95} ms, max ${summary.answerLatencyMs.max} ms`,
    );
  });
});
