import type { RunningStudy, StartOptions } from "@useralign/web";
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { intFlag, parseFlags } from "../flags.js";
import type { CliIo } from "../io.js";
import { untilSignal } from "../until-signal.js";
import { importOptional, type OptionalPackage } from "../optional-package.js";
import { UsageError } from "../usage-error.js";

/** `useralign serve --help`. */
export const SERVE_USAGE = `Usage: useralign serve --study FILE [options]

Runs a human study in the browser: participants get a blinded method and condition, answer the
pairwise comparisons and the final matchups against the baseline; every answer is stored.
The admin page (live win-rates, CSV/JSON export) is at /admin.

Options:
  --study FILE         study config (format: docs/web.md)
  --port N             port to listen on (default 8080; 0 picks a free one)
  --host H             interface to bind (default 127.0.0.1; 0.0.0.0 for every interface)
  --db PATH|URL        SQLite file (default ./useralign-study.sqlite) or a postgres:// URL
  --admin-token T      admin token (default: $USERALIGN_ADMIN_TOKEN, else a random one: shown on a
                       terminal, else written to ./useralign-admin-token, never to stdout)
  -h, --help           show this help

Stops on Ctrl-C (SIGINT) or SIGTERM, after the requests in flight.
`;

/** What `serve` needs from `@useralign/web`. */
export interface WebModule {
  startStudyServer(options: StartOptions): Promise<RunningStudy>;
}

/** Loads the web package (a seam so tests can pass the source build). */
export type WebLoader = () => Promise<WebModule>;

/** Resolves when the server should stop; receives the running server. */
export type StopSignal = (running: RunningStudy) => Promise<void>;

// An optional peer of the CLI: the other commands install and run without it (and without its
// native SQLite driver and PostgreSQL client); the import happens only when `serve` runs.
/** Where `serve` loads the web package from, and what to tell a user who does not have it. */
export const WEB_PACKAGE: OptionalPackage = {
  specifier: "@useralign/web",
  command: "serve",
  install:
    "Install it beside the CLI: npm install @useralign/cli @useralign/web (its SQLite driver, better-sqlite3, builds with python3, make and g++ where no prebuilt binary fits).",
};
const defaultLoader: WebLoader = () => importOptional<WebModule>(WEB_PACKAGE);

/** Seams of {@link serveCommand}. */
export interface ServeSeams {
  load?: WebLoader;
  stop?: StopSignal;
  /** Environment for USERALIGN_ADMIN_TOKEN. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
}

/** `useralign serve`: starts the study server and runs until stopped. */
export async function serveCommand(args: readonly string[], io: CliIo, seams: ServeSeams = {}): Promise<number> {
  const flags = parseFlags("serve", args, {
    study: { type: "string" },
    port: { type: "string" },
    host: { type: "string" },
    db: { type: "string" },
    "admin-token": { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (flags.help) {
    io.stdout(SERVE_USAGE);
    return 0;
  }
  if (flags.study === undefined) throw new UsageError("serve needs --study FILE.", "serve");
  const port = intFlag("serve", "port", flags.port, 0) ?? 8080;
  if (port > 65535) throw new UsageError(`--port must be at most 65535; got ${port}.`, "serve");
  const env = seams.env ?? process.env;
  const adminToken = flags["admin-token"] ?? (env["USERALIGN_ADMIN_TOKEN"] || undefined);
  const web = await (seams.load ?? defaultLoader)();
  const running = await web.startStudyServer({
    study: flags.study,
    port,
    ...(flags.host ? { host: flags.host } : {}),
    ...(flags.db ? { database: flags.db } : {}),
    ...(adminToken ? { adminToken } : {}),
    log: (line) => io.stderr(`${line}\n`),
  });
  // stdout usually lands in a log file: the token never goes there. A token you set is yours already;
  // a generated one goes to the terminal (stderr), or to a file only you can read.
  let admin = `${running.url}/admin (sign in with your admin token)`;
  if (!adminToken && io.stderrIsTerminal) {
    io.stderr(`Admin link (keep it private): ${running.url}/admin#token=${running.adminToken}\n`);
    admin = `${running.url}/admin (the link with the generated token is above)`;
  } else if (!adminToken) {
    const file = resolve("useralign-admin-token");
    await writeFile(file, `${running.adminToken}\n`, { mode: 0o600 });
    admin = `${running.url}/admin (the generated token is in ${file})`;
  }
  io.stdout(
    [
      `Study "${running.study.title}" is running (${running.store.kind} storage).`,
      `  participants: ${running.url}/`,
      `  admin:        ${admin}`,
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
  await (seams.stop ?? untilSignal)(running);
  await running.close();
  io.stderr("Stopped.\n");
  return 0;
}
