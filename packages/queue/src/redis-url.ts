import { UserAlignError } from "@useralign/core";
import type { RedisOptions } from "bullmq";

/**
 * Where the queue lives, from `redis://[USER:PASSWORD@]HOST:PORT[/DB]` or `rediss://…` (TLS, as
 * managed Redis services require). The password may also come from the URL only; it is never
 * printed (see {@link redactRedisUrl}).
 */
export interface RedisTarget {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly tls: boolean;
  readonly username?: string;
  readonly password?: string;
}

function bad(url: string, message: string): UserAlignError {
  return new UserAlignError(
    "invalid_input",
    `--queue ${redactRedisUrl(url)}: ${message} (expected redis://HOST:PORT[/DB] or rediss://…).`,
    [{ path: ["queue"], message }],
  );
}

/** Parses a Redis URL; anything else is an `invalid_input` error naming the problem. */
export function parseRedisUrl(url: string): RedisTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw bad(url, "not a URL");
  }
  if (u.protocol !== "redis:" && u.protocol !== "rediss:") throw bad(url, `unsupported scheme "${u.protocol.slice(0, -1)}"`);
  if (u.hostname === "") throw bad(url, "no host");
  const port = u.port === "" ? 6379 : Number(u.port);
  const path = u.pathname.replace(/^\//, "");
  if (!/^\d*$/.test(path)) throw bad(url, `the database must be a number, got "${path}"`);
  const db = path === "" ? 0 : Number(path);
  if (u.search !== "" || u.hash !== "") throw bad(url, "query strings and fragments are not supported");
  return {
    // URL keeps IPv6 hosts in brackets; the socket wants them bare.
    host: u.hostname.replace(/^\[(.*)\]$/, "$1"),
    port,
    db,
    tls: u.protocol === "rediss:",
    ...(u.username === "" ? {} : { username: decodeURIComponent(u.username) }),
    ...(u.password === "" ? {} : { password: decodeURIComponent(u.password) }),
  };
}

/** The URL with its password replaced by `***`, for logs and error messages. */
export function redactRedisUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, "$1***@");
}

/**
 * ioredis options for a target. Commands wait through a Redis restart instead of failing
 * (`maxRetriesPerRequest: null`, which BullMQ's workers require anyway), and reconnects back off
 * to at most `maxReconnectMs`.
 */
export function redisOptions(target: RedisTarget, maxReconnectMs = 1000): RedisOptions {
  return {
    host: target.host,
    port: target.port,
    db: target.db,
    ...(target.username === undefined ? {} : { username: target.username }),
    ...(target.password === undefined ? {} : { password: target.password }),
    ...(target.tls ? { tls: { servername: target.host } } : {}),
    maxRetriesPerRequest: null,
    retryStrategy: (times: number) => Math.min(50 * 2 ** times, maxReconnectMs),
  };
}
