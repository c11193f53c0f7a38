import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is packages/pack-tests/src/workspace-packages.ts). */
export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** A package of the workspace that is published to npm. */
export interface PublishablePackage {
  readonly name: string;
  readonly version: string;
  /** Absolute folder. */
  readonly dir: string;
  readonly manifest: Record<string, unknown> & { exports?: Record<string, unknown> };
}

/** Every non-private package under packages/ and apps/, by name. */
export function publishablePackages(root = REPO_ROOT): PublishablePackage[] {
  const found: PublishablePackage[] = [];
  for (const group of ["packages", "apps"]) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      const file = join(root, group, entry.name, "package.json");
      if (!entry.isDirectory() || !existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, "utf8")) as PublishablePackage["manifest"] & {
        name: string;
        version: string;
        private?: boolean;
      };
      if (manifest.private) continue;
      found.push({ name: manifest.name, version: manifest.version, dir: join(root, group, entry.name), manifest });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** The import specifiers of a package's `exports` map (`pkg`, `pkg/node`, …), without `./package.json`. */
export function entryPoints(pkg: PublishablePackage): string[] {
  return Object.keys(pkg.manifest.exports ?? { ".": null })
    .filter((key) => key !== "./package.json")
    .map((key) => (key === "." ? pkg.name : `${pkg.name}/${key.slice(2)}`));
}

/**
 * `name` and the workspace packages it needs installed: its dependencies and required (not optional)
 * peers, transitively — what `npm install name` brings of this repository.
 */
export function installClosure(name: string, packages: readonly PublishablePackage[]): Set<string> {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const needed = new Set<string>();
  const visit = (n: string) => {
    const pkg = byName.get(n);
    if (pkg === undefined || needed.has(n)) return;
    needed.add(n);
    const m = pkg.manifest as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    for (const dep of Object.keys(m.dependencies ?? {})) visit(dep);
    for (const peer of Object.keys(m.peerDependencies ?? {})) if (!m.peerDependenciesMeta?.[peer]?.optional) visit(peer);
  };
  visit(name);
  return needed;
}
