import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { describeStudyApi } from "./api-suite.js";

const dir = mkdtempSync(join(tmpdir(), "useralign-web-"));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
describeStudyApi("SQLite", async () => join(dir, `study-${n++}.sqlite`));
