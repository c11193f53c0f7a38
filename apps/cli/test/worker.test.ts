import { describe, expect, it } from "vitest";
import type { QueuePackage } from "../src/queue-loader.js";
import { runCli } from "./fake-io.js";

const missing = async (): Promise<QueuePackage> => {
  throw Object.assign(new Error("Cannot find package '@useralign/queue'"), { code: "ERR_MODULE_NOT_FOUND" });
};
const local = ["--domains", "food2d", "--methods", "oracle", "--steps", "0", "--trace-steps", "0", "--seeds", "1"];

describe("useralign worker and simulate --queue (without Redis)", () => {
  it("prints its usage", async () => {
    const r = await runCli(["worker", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: useralign worker --queue redis:\/\/HOST:PORT\[\/DB\] \[--concurrency N\]/);
    expect((await runCli(["--help"])).stdout).toMatch(/worker --queue URL/);
  });

  it("names the package to install when @useralign/queue is missing, and needs it only for --queue and worker", async () => {
    const seams = { worker: { load: missing } };
    for (const argv of [
      ["worker", "--queue", "redis://127.0.0.1:1"],
      ["simulate", ...local, "--queue", "redis://127.0.0.1:1", "--out", "/tmp/x.jsonl"],
    ]) {
      const r = await runCli(argv, {}, seams);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/needs the package @useralign\/queue \(BullMQ on Redis\); install it with "npm i @useralign\/queue"/);
    }
    const plain = await runCli(["simulate", ...local, "--workers", "0", "--json"], {}, seams);
    expect(plain.code).toBe(0);
    expect(JSON.parse(plain.stdout)).toMatchObject({ ran: 12 });
  });

  it.each([
    [["worker"], /worker needs --queue/],
    [["worker", "--queue", "redis://h:1", "--concurrency", "0"], /--concurrency must be at least 1/],
    [["simulate", "--queue", "redis://h:1"], /--queue needs --out FILE/],
    [["simulate", "--queue", "redis://h:1", "--out", "r.jsonl", "--workers", "2"], /--workers is for local runs/],
    [["simulate", "--lock-ms", "2000"], /--lock-ms applies only with --queue/],
    [["simulate", "--queue", "redis://h:1", "--out", "r.jsonl", "--attempts", "0"], /--attempts must be at least 1/],
    [["simulate", "--queue", "http://h:1", "--out", "r.jsonl"], /--queue http:\/\/h:1: unsupported scheme "http"/],
    [["worker", "--queue", "redis://u:secret@h:1/x"], /--queue redis:\/\/u:\*\*\*@h:1\/x: the database must be a number/],
  ])("rejects %j with exit 2", async (argv, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toContain("secret");
  });
});
