import { readFileSync } from "node:fs";

/**
 * The CLI's version, read from its own package.json (one directory up from both `src/` and `dist/`),
 * so it is the version that was installed, not one copied in at build time.
 */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version?: unknown };
  if (typeof pkg.version !== "string") throw new Error("useralign: its package.json has no version.");
  return pkg.version;
}
