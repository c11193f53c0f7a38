import type { RunningStudy, StartOptions } from "@useralign/web";
import { intFlag, parseFlags } from "../flags.js";
import type { CliIo } from "../io.js";
import { untilSignal } from "../until-signal.js";
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
  --admin-token T      admin token (default: $USERALIGN_ADMIN_TOKEN, else a random one, printed)
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

// Held in a variable so the CLI compiles and its other commands run without the web package
// (and its native SQLite driver); the import happens only when `serve` runs.
const WEB_PACKAGE: string = "@useralign/web";
const defaultLoader: WebLoader = () => import(WEB_PACKAGE) as Promise<WebModule>;

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
  io.stdout(
    [
      `Study "${running.study.title}" is running (${running.store.kind} storage).`,
      `  participants: ${running.url}/`,
      `  admin:        ${running.url}/admin#token=${running.adminToken}`,
      "Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
  await (seams.stop ?? untilSignal)(running);
  await running.close();
  io.stderr("Stopped.\n");
  return 0;
}
