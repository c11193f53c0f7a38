import type { UserAlignSession } from "@useralign/core";

/**
 * Restored sessions kept between requests, each valid for one stored version of its participant:
 * the next answer of a participant skips restoring (parsing and replaying) the snapshot. An entry is
 * taken out while a request uses the session (it is mutable) and put back only after the store
 * accepted the change, under the new version; a version that moved on elsewhere (another process, a
 * lost race) simply misses and the session is restored from the store. Least recently used entries
 * are dropped beyond `capacity`.
 */
export class SessionCache {
  private readonly entries = new Map<string, { version: number; session: UserAlignSession }>();

  constructor(private readonly capacity: number) {}

  /** Removes and returns the session cached for `id` at `version`, if any. */
  take(id: string, version: number): UserAlignSession | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    return entry.version === version ? entry.session : undefined;
  }

  /** Keeps `session` as the state of `id` at `version`. */
  put(id: string, version: number, session: UserAlignSession): void {
    if (this.capacity <= 0) return;
    this.entries.delete(id);
    this.entries.set(id, { version, session });
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
