import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { createStudyServer } from "./http/server.js";
import { loadStudy, type Study } from "./load-study.js";
import { createPostgresStore } from "./store/postgres-store.js";
import { createSqliteStore } from "./store/sqlite-store.js";
import type { StudyStore } from "./store/store.js";
import { StudyService } from "./study-service.js";

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

/** Loads a study, opens its store and listens. Used by `useralign serve`. */
export async function startStudyServer(options: StartOptions): Promise<RunningStudy> {
  const study = await loadStudy(options.study, { readFile: (p) => readFile(p, "utf8") });
  const store = openStore(options.database);
  await store.migrate();
  const adminToken = options.adminToken ?? randomBytes(18).toString("base64url");
  const server = createStudyServer({ service: new StudyService({ study, store }), store, adminToken, ...(options.log ? { log: options.log } : {}) });
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
