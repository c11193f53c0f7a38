import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createSqliteStore } from "../src/store/sqlite-store.js";
import { describeStudyStore } from "./store-conformance.js";

const path = join(mkdtempSync(join(tmpdir(), "useralign-sqlite-")), "study.sqlite");
describeStudyStore("sqlite", async () => createSqliteStore({ path }));

describe("sqlite checkpoints", () => {
  it("copies committed pages into the database file from a worker, not inside commits", async () => {
    const dir = mkdtempSync(join(tmpdir(), "useralign-checkpoint-"));
    const sizeAfterWrite = async (checkpointEveryMs: number) => {
      const file = join(dir, `cp-${checkpointEveryMs}.sqlite`);
      const store = createSqliteStore({ path: file, checkpointEveryMs });
      const before = statSync(file).size;
      // ~300 KB in the WAL: below SQLite's own checkpoint threshold (1000 pages).
      await store.saveStudyVersion("v", "x".repeat(300_000));
      await new Promise((r) => setTimeout(r, 400));
      const grown = statSync(file).size - before;
      await store.close();
      return grown;
    };
    expect(await sizeAfterWrite(0)).toBe(0);
    expect(await sizeAfterWrite(50)).toBeGreaterThan(250_000);
    // The data is there after a reopen either way.
    const reopened = createSqliteStore({ path: join(dir, "cp-50.sqlite") });
    expect(await reopened.studyVersionsInUse()).toEqual([]);
    await reopened.close();
  });
});

describe("sqlite close", () => {
  it("lets a script that closes its store last go on and exit 0 (the checkpointer keeps it alive until it stops)", () => {
    const dist = fileURLToPath(new URL("../dist/index.js", import.meta.url));
    if (!existsSync(dist)) throw new Error("This test runs the built package: run `pnpm build` first.");
    const file = join(mkdtempSync(join(tmpdir(), "useralign-close-")), "s.sqlite");
    const script = `const { createSqliteStore } = await import(${JSON.stringify(dist)});
const store = createSqliteStore({ path: ${JSON.stringify(file)} });
await store.migrate();
await store.close();
console.log("closed");`;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 30_000 });
    expect(run.stderr).toBe("");
    expect(run.stdout.trim()).toBe("closed");
    expect(run.status).toBe(0);
  });
});
