import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PublishablePackage } from "./workspace-packages.js";

/** Runs a command and returns its stdout; on failure the error carries stdout and stderr. */
export function sh(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, {
      cwd,
      encoding: "utf8",
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 64 << 20,
    });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${stdout ?? ""}\n${stderr ?? ""}`, { cause: e });
  }
}

/**
 * Packs each package with `pnpm pack` (which rewrites `workspace:` ranges to the published ones, as
 * `pnpm publish` does) into `dest`; returns the tarball of each package, by name.
 */
export function packAll(packages: readonly PublishablePackage[], dest: string): Map<string, string> {
  mkdirSync(dest, { recursive: true });
  const tarballs = new Map<string, string>();
  for (const pkg of packages) {
    const before = new Set(readdirSync(dest));
    sh("pnpm", ["pack", "--pack-destination", dest], pkg.dir);
    const added = readdirSync(dest).filter((f) => !before.has(f) && f.endsWith(".tgz"));
    if (added.length !== 1) throw new Error(`pnpm pack of ${pkg.name} made ${added.length} tarballs: ${added.join(", ")}`);
    tarballs.set(pkg.name, join(dest, added[0]!));
  }
  return tarballs;
}

/**
 * npm, as a user runs it, with its cache inside the temp folder (nothing cached outside it) and no
 * workspace above (the project lives under the OS temp dir).
 */
export function npm(project: string, args: readonly string[]): string {
  return sh("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], project, {
    npm_config_cache: join(project, "..", "npm-cache"),
    npm_config_update_notifier: "false",
  });
}

/** A clean npm project at `dir` depending on the given tarballs; installs them. */
export function createConsumerProject(dir: string, tarballs: ReadonlyMap<string, string>): void {
  mkdirSync(dir, { recursive: true });
  const dependencies = Object.fromEntries([...tarballs].map(([name, file]) => [name, `file:${file}`]));
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "useralign-consumer", version: "1.0.0", private: true, dependencies }, null, 2)}\n`,
  );
  npm(dir, ["install"]);
}
