import { mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
