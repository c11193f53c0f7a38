import { createServer, type Server } from "node:http";
import { afterAll, describe, expect, it } from "vitest";
import { runLoad } from "../src/load-generator.js";
import { startStudyServer } from "../src/start.js";
import { DEMO_STUDY } from "./helpers.js";
import { studyFolder } from "./study-files.js";

const folder = studyFolder("load-generator");
afterAll(() => folder.remove());

/** A proxy in front of `target` that cuts every `every`-th connection after the server acted but before it answered. */
function cuttingProxy(target: string, every: number): Promise<{ server: Server; url: string; cut: () => number }> {
  let n = 0;
  let cut = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const upstream = await fetch(target + req.url, {
      method: req.method ?? "POST",
      headers: { "content-type": String(req.headers["content-type"]) },
      body: Buffer.concat(chunks),
    });
    if (++n % every === 0) {
      cut++;
      return void req.socket.destroy();
    }
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    res.end(await upstream.text());
  });
  return new Promise((ok) =>
    server.listen(0, "127.0.0.1", () =>
      ok({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, cut: () => cut }),
    ),
  );
}

describe("runLoad's own HTTP client", () => {
  it("takes every simulated participant through the study and counts what the server stored", async () => {
    const server = await startStudyServer({
      study: DEMO_STUDY,
      port: 0,
      database: folder.database(),
      adminToken: "t",
      log: () => undefined,
    });
    try {
      const report = await runLoad({ url: server.url, participants: 6 });
      const participants = await server.store.listParticipants();
      expect(participants).toHaveLength(6);
      expect(participants.every((p) => p.state.stage === "done")).toBe(true);
      expect(await server.store.listAnswers()).toHaveLength(report.answersSent);
      expect([...report.stored.values()].flat()).toHaveLength(report.answersSent);
      expect(report.duplicatesReported).toBe(report.replays);
      expect(report.retries).toBe(0);
      expect(report.clientCpuMs).toBeGreaterThan(0);
      // Every latency split is there, ordered, and the overall figure lies within the splits.
      const { join, single, double } = report.latencyByKind;
      for (const l of [join, single, double, report.latencyMs]) {
        expect(l.p50).toBeGreaterThan(0);
        expect(l.p50).toBeLessThanOrEqual(l.p95);
        expect(l.p95).toBeLessThanOrEqual(l.max);
      }
      expect(report.latencyMs.max).toBe(Math.max(single.max, double.max));
    } finally {
      await server.close();
    }
  });

  it("retries requests whose response is lost, and the server stores each answer once", async () => {
    const server = await startStudyServer({
      study: DEMO_STUDY,
      port: 0,
      database: folder.database(),
      adminToken: "t",
      log: () => undefined,
    });
    const proxy = await cuttingProxy(server.url, 9);
    try {
      const report = await runLoad({ url: proxy.url, participants: 4 });
      expect(proxy.cut()).toBeGreaterThan(0);
      expect(report.retries).toBe(proxy.cut());
      expect((await server.store.listParticipants()).every((p) => p.state.stage === "done")).toBe(true);
      expect(await server.store.listAnswers()).toHaveLength(report.answersSent);
      // A retried answer that had been stored comes back as a duplicate.
      expect(report.duplicatesReported).toBeGreaterThanOrEqual(report.replays);
    } finally {
      proxy.server.closeAllConnections();
      proxy.server.close();
      await server.close();
    }
  });
});
