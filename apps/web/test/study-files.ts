import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tinyPool } from "./tiny-pool.js";

/** A folder of study files for one test file; `remove()` deletes it. */
export function studyFolder(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), `useralign-${prefix}-`));
  let n = 0;
  return {
    dir,
    /** Writes `files` (path → JSON value or text) under the folder and returns the first one's path. */
    write(files: Record<string, unknown>): string {
      for (const [name, value] of Object.entries(files)) {
        const path = join(dir, name);
        mkdirSync(join(path, ".."), { recursive: true });
        writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value, null, 2));
      }
      return join(dir, Object.keys(files)[0]!);
    },
    /** A fresh SQLite path in the folder. */
    database: () => join(dir, `db-${n++}.sqlite`),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A study file with two text domains (`first`, `second`) of the tiny pool; `top` adds fields. */
export function twoDomainStudy(top: Record<string, unknown> = {}, domains?: unknown[]): Record<string, unknown> {
  return {
    format: "useralign-study",
    version: 1,
    title: "Tiny",
    intro: "A tiny study.",
    conditions: ["own"],
    methods: ["useralign"],
    domains: domains ?? [
      { name: "first", budget: 3, evaluationSteps: [2, 3], pools: [{ pool: tinyPool({ question: "First?" }) }] },
      { name: "second", budget: 3, evaluationSteps: [2, 3], pools: [{ pool: tinyPool({ question: "Second?" }) }] },
    ],
    ...top,
  };
}
