import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A throwaway PostgreSQL cluster for tests. */
export interface TestPostgres {
  readonly url: string;
  stop(): void;
}

/** Where initdb and pg_ctl are: PATH first, then Debian's /usr/lib/postgresql/<version>/bin. */
export function findPostgresBin(): string | null {
  const onPath = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" }).stdout.trim();
  if (onPath) return join(onPath, "..");
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(base, v, "bin", "pg_ctl"))) return join(base, v, "bin");
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts a cluster in a temp dir with initdb + pg_ctl. PostgreSQL refuses to run as root, so
 * as root the cluster runs as the `postgres` user (Debian's package creates it) via runuser.
 */
export async function startTestPostgres(bin: string): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), "useralign-pg-"));
  chmodSync(dir, 0o777);
  const data = join(dir, "data");
  const root = process.getuid?.() === 0;
  // runuser is in /usr/sbin or /sbin, which a non-login PATH may lack.
  const runuser = ["/usr/sbin/runuser", "/sbin/runuser"].find((p) => existsSync(p)) ?? "runuser";
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = root ? [runuser, ["-u", "postgres", "--", join(bin, cmd), ...args]] : [join(bin, cmd), args];
    try {
      execFileSync(file, argv, { stdio: "pipe", timeout: 60_000 });
    } catch (e) {
      const err = e as Error & { stderr?: Buffer };
      const hint = root ? " (running as root: the cluster runs as the `postgres` user, which Debian's postgresql package creates)" : "";
      throw new Error(`Could not run ${cmd} for the test PostgreSQL cluster${hint}: ${err.stderr?.toString().trim() || err.message}`);
    }
  };
  const port = await freePort();
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  run("pg_ctl", [
    "-D",
    data,
    "-l",
    join(dir, "log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    "start",
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
