import { UserAlignError } from "@useralign/core";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { createStudyServer } from "./http/server.js";
import { loadStudy, type Study } from "./load-study.js";
import { createPostgresStore } from "./store/postgres-store.js";
import { createSqliteStore } from "./store/sqlite-store.js";
import type { StudyStore } from "./store/store.js";
import { StudyService } from "./study-service.js";
import { describeChanges, studyVersion, type StudyContent } from "./study-version.js";

/** Options of {@link startStudyServer}. */
export interface StartOptions {
  /** The study config file. */
  study: string;
  /** @default 8080 (0 picks a free port) */
  port?: number;
  /** @default "127.0.0.1" */
  host?: string;
  /**
   * A `postgres://` / `postgresql://` URL, or an SQLite file path.
   * @default "useralign-study.sqlite" in the working directory
   */
  database?: string;
  /** Admin token. @default a random token, returned in the result */
  adminToken?: string;
  /** Where internal errors are logged. @default console.error */
  log?: (line: string) => void;
}

/** A running study server. */
export interface RunningStudy {
  readonly url: string;
  readonly port: number;
  readonly adminToken: string;
  readonly study: Study;
  readonly store: StudyStore;
  /** Stops accepting requests, waits for open ones, and closes the store. */
  close(): Promise<void>;
}

/** Opens the store a `database` option names (see {@link StartOptions.database}). */
export function openStore(database: string | undefined): StudyStore {
  if (database && /^postgres(ql)?:\/\//.test(database)) return createPostgresStore({ url: database });
  return createSqliteStore({ path: database ?? "useralign-study.sqlite" });
}

/**
 * Ties the database to this version of the study: when participants started on a different
 * version (a reordered domain, a removed candidate, a changed pool), starting would strand or
 * relabel them, so it is refused with what changed.
 */
export async function checkStudyVersion(study: Study, store: StudyStore, source: string): Promise<string> {
  const { hash, content } = studyVersion(study);
  const others = (await store.studyVersionsInUse()).filter((v) => v.hash !== hash);
  if (others.length > 0) {
    const lines = others.flatMap((v) => {
      const changes = v.content
        ? describeChanges(JSON.parse(v.content) as StudyContent, content)
        : ["(that version's content was not recorded)"];
      return [`${v.participants} participant(s) started on version ${v.hash}; since then:`, ...changes.map((c) => `  ${c}`)];
    });
    throw new UserAlignError(
      "invalid_input",
      `${source} changed since participants started, and serving it would strand or relabel them:\n${lines.join("\n")}\n` +
        `Restore the study file (and its pools and images) as it was, or run the new version with a new database.`,
    );
  }
  await store.saveStudyVersion(hash, JSON.stringify(content));
  return hash;
}

/** Loads a study, opens its store and listens. Used by `useralign serve`. */
export async function startStudyServer(options: StartOptions): Promise<RunningStudy> {
  const study = await loadStudy(options.study, { readFile: (p) => readFile(p, "utf8") });
  const store = openStore(options.database);
  let secret: string;
  try {
    await store.migrate();
    await checkStudyVersion(study, store, options.study);
    // One secret per database, so every process and every restart issues and verifies the same codes.
    secret = await store.secret(randomBytes(32).toString("base64url"));
  } catch (e) {
    await store.close();
    throw e;
  }
  const adminToken = options.adminToken ?? randomBytes(18).toString("base64url");
  const server = createStudyServer({
    service: new StudyService({ study, store, secret }),
    store,
    adminToken,
    ...(options.log ? { log: options.log } : {}),
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    adminToken,
    study,
    store,
    close: async () => {
      server.closeIdleConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}
