import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteStore } from "../src/store/sqlite-store.js";
import { describeStudyStore } from "./store-conformance.js";

const path = join(mkdtempSync(join(tmpdir(), "useralign-sqlite-")), "study.sqlite");
describeStudyStore("sqlite", async () => createSqliteStore({ path }));
