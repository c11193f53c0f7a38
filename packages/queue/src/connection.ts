import { Redis } from "ioredis";
import { redactRedisUrl, redisOptions, type RedisTarget } from "./redis-url.js";

/**
 * A Redis connection that reports outages once (lost / back) instead of once per reconnect
 * attempt, and never crashes the process on a connection error: commands wait until Redis is back.
 */
export function connectRedis(target: RedisTarget, url: string, log: (line: string) => void): Redis {
  const redis = new Redis(redisOptions(target));
  let down = false;
  let lastError = "";
  // ioredis needs an 'error' listener (else it prints every failed attempt); the outage is
  // reported once, when the reconnecting starts.
  redis.on("error", (e: Error) => void (lastError = e.message));
  redis.on("reconnecting", () => {
    if (down) return;
    down = true;
    log(`no connection to Redis at ${redactRedisUrl(url)}${lastError ? ` (${lastError})` : ""}; retrying`);
  });
  redis.on("ready", () => {
    if (!down) return;
    down = false;
    log(`Redis at ${redactRedisUrl(url)} is back`);
  });
  return redis;
}

/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
