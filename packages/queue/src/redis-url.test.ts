import { isUserAlignError } from "@useralign/core";
import { describe, expect, it } from "vitest";
import { parseRedisUrl, redactRedisUrl } from "./redis-url.js";

describe("parseRedisUrl", () => {
  it("reads host, port, database, TLS and credentials", () => {
    expect(parseRedisUrl("redis://127.0.0.1:6390/2")).toEqual({ host: "127.0.0.1", port: 6390, db: 2, tls: false });
    expect(parseRedisUrl("redis://queue.lan")).toEqual({ host: "queue.lan", port: 6379, db: 0, tls: false });
    expect(parseRedisUrl("rediss://default:p%40ss@cache.example.com:6380")).toEqual({
      host: "cache.example.com",
      port: 6380,
      db: 0,
      tls: true,
      username: "default",
      password: "p@ss",
    });
    expect(parseRedisUrl("redis://:secret@[::1]:7000/1")).toMatchObject({ host: "::1", port: 7000, db: 1, password: "secret" });
  });

  it.each([
    ["localhost:6379", /unsupported scheme "localhost"|not a URL/],
    ["http://127.0.0.1:6379", /unsupported scheme "http"/],
    ["redis://127.0.0.1:6379/x", /the database must be a number, got "x"/],
    ["redis://127.0.0.1:6379/0?tls=1", /query strings/],
    ["not a url", /not a URL/],
  ])("refuses %s", (url, message) => {
    try {
      parseRedisUrl(url);
      expect.unreachable();
    } catch (e) {
      expect(isUserAlignError(e, "invalid_input")).toBe(true);
      expect((e as Error).message).toMatch(message);
    }
  });

  it("never shows the password", () => {
    expect(redactRedisUrl("rediss://user:hunter2@host:6380/1")).toBe("rediss://user:***@host:6380/1");
    expect(redactRedisUrl("redis://:hunter2@host")).toBe("redis://:***@host");
    expect(redactRedisUrl("redis://host:6379")).toBe("redis://host:6379");
    try {
      parseRedisUrl("ftp://u:hunter2@host");
    } catch (e) {
      expect((e as Error).message).not.toContain("hunter2");
    }
  });
});
