import type { UserAlignIssue } from "@useralign/core";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { extension } from "./load-dataset.js";

/** A media file the study serves, with what its URL and the study version are made of. */
interface MediaEntry {
  readonly file: string;
  readonly path: readonly (string | number)[];
  /** Outside the study folder: refused, never read. */
  readonly refused: boolean;
}

/**
 * The images a study may serve. Every image must sit inside the study folder (a pool that names
 * `../../etc/passwd` is refused, not served) and be readable at start. URLs are opaque (a hash of
 * the file's path), so they never reveal a candidate id, and each file's content hash goes into
 * the study version: replacing an image is a change like any other.
 */
export class StudyMedia {
  private readonly entries = new Map<string, MediaEntry>();
  private readonly contentHashes = new Map<string, string>();

  constructor(
    /** The study file's folder. */
    private readonly root: string,
    private readonly issues: UserAlignIssue[],
  ) {}

  /** Registers an image (relative to `dir`) and returns its URL; absolute http(s) URLs pass through. */
  url(imageRef: string, dir: string, path: readonly (string | number)[]): string {
    if (/^https?:\/\//.test(imageRef)) return imageRef;
    const file = resolve(dir, imageRef);
    const inside = relative(this.root, file);
    const refused = isAbsolute(imageRef) || inside === "" || inside.startsWith(`..${sep}`) || inside === ".." || isAbsolute(inside);
    if (refused) {
      this.issues.push({
        path,
        message: `the image ${JSON.stringify(imageRef)} is outside the study folder ${this.root}: keep images next to the study file`,
      });
    }
    const url = `/media/${createHash("sha256").update(file).digest("hex").slice(0, 24)}${extension(imageRef)}`;
    this.entries.set(url, { file, path, refused });
    return url;
  }

  /** Reads every registered file once (missing ones become issues) and hashes its content. */
  async check(readBytes: (path: string) => Promise<Uint8Array> = (p) => readFile(p)): Promise<void> {
    for (const [url, entry] of this.entries) {
      if (entry.refused) continue;
      try {
        this.contentHashes.set(
          url,
          createHash("sha256")
            .update(await readBytes(entry.file))
            .digest("hex"),
        );
      } catch (e) {
        this.issues.push({ path: entry.path, message: `cannot read ${entry.file}: ${(e as Error).message}` });
      }
    }
  }

  /** URL path → absolute file. */
  files(): Map<string, string> {
    return new Map([...this.entries].map(([url, e]) => [url, e.file]));
  }

  /** URL path → sha256 of the content (after {@link check}). */
  hashes(): Map<string, string> {
    return new Map(this.contentHashes);
  }
}
