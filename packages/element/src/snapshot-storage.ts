/**
 * Where a session's snapshot lives between page loads: the browser (localStorage), a server
 * endpoint, or anything else with these three calls. Values are `toJSON()` snapshots (plain JSON).
 */
export interface SnapshotStorage {
  /** The saved snapshot, or null when there is none. */
  load(key: string): Promise<unknown> | unknown;
  save(key: string, snapshot: unknown): Promise<void> | void;
  remove(key: string): Promise<void> | void;
}

/** The slice of the Web Storage API that {@link localStorageSnapshots} uses. */
export type WebStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/**
 * Snapshots in `localStorage` (or `sessionStorage`, or any Web Storage), under `prefix + key`.
 * @param storage @default globalThis.localStorage
 */
export function localStorageSnapshots(storage: WebStorage = globalThis.localStorage, prefix = "useralign:"): SnapshotStorage {
  return {
    load: (key) => {
      const text = storage.getItem(prefix + key);
      return text === null ? null : (JSON.parse(text) as unknown);
    },
    save: (key, snapshot) => storage.setItem(prefix + key, JSON.stringify(snapshot)),
    remove: (key) => storage.removeItem(prefix + key),
  };
}

/** Options of {@link httpSnapshots}. */
export interface HttpSnapshotsOptions {
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Extra request headers (an auth token, say). */
  headers?: Record<string, string>;
}

/**
 * Snapshots on a server: `GET url/KEY` (404 = none), `PUT url/KEY` with the JSON body,
 * `DELETE url/KEY`. Any other status rejects with an Error naming the request and status.
 */
export function httpSnapshots(url: string, options: HttpSnapshotsOptions = {}): SnapshotStorage {
  const at = (key: string) => `${url.replace(/\/$/, "")}/${encodeURIComponent(key)}`;
  const call = async (method: string, key: string, body?: unknown): Promise<Response> => {
    const fetcher = options.fetch ?? globalThis.fetch;
    const response = await fetcher(at(key), {
      method,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...options.headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok && !(method === "GET" && response.status === 404)) throw new Error(`${method} ${at(key)} answered ${response.status}`);
    return response;
  };
  return {
    load: async (key) => {
      const response = await call("GET", key);
      return response.status === 404 ? null : ((await response.json()) as unknown);
    },
    save: async (key, snapshot) => void (await call("PUT", key, snapshot)),
    remove: async (key) => void (await call("DELETE", key)),
  };
}
