import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpSnapshots, localStorageSnapshots } from "./snapshot-storage.js";

describe("localStorageSnapshots", () => {
  it("round-trips JSON under a prefix and removes it", () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    const snapshots = localStorageSnapshots(storage, "p:");
    expect(snapshots.load("a")).toBeNull();
    snapshots.save("a", { x: [1, 2] });
    expect([...data.keys()]).toEqual(["p:a"]);
    expect(snapshots.load("a")).toEqual({ x: [1, 2] });
    snapshots.remove("a");
    expect(snapshots.load("a")).toBeNull();
  });
});

describe("httpSnapshots against a server on 127.0.0.1", () => {
  const stored = new Map<string, string>();
  let server: Server;
  let url = "";
  let failNext = false;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const key = decodeURIComponent(req.url!.replace(/^\/snapshots\//, ""));
      if (failNext) {
        failNext = false;
        res.writeHead(500).end();
        return;
      }
      if (req.method === "GET") {
        if (!stored.has(key)) res.writeHead(404).end();
        else res.writeHead(200, { "content-type": "application/json" }).end(stored.get(key));
      } else if (req.method === "PUT") {
        let body = "";
        req.on("data", (c: Buffer) => (body += c.toString()));
        req.on("end", () => {
          expect(req.headers["content-type"]).toBe("application/json");
          expect(req.headers["x-token"]).toBe("t");
          stored.set(key, body);
          res.writeHead(204).end();
        });
      } else {
        stored.delete(key);
        res.writeHead(204).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/snapshots/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("GET 404 is no snapshot; PUT then GET round-trips; DELETE removes; keys are URL-encoded", async () => {
    const snapshots = httpSnapshots(url, { headers: { "x-token": "t" } });
    expect(await snapshots.load("person 1/pool")).toBeNull();
    await snapshots.save("person 1/pool", { answers: [3] });
    expect([...stored.keys()]).toEqual(["person 1/pool"]);
    expect(await snapshots.load("person 1/pool")).toEqual({ answers: [3] });
    await snapshots.remove("person 1/pool");
    expect(stored.size).toBe(0);
  });

  it("any other status rejects naming the request", async () => {
    const snapshots = httpSnapshots(url);
    failNext = true;
    await expect(snapshots.load("k")).rejects.toThrow(/^GET http:\/\/127\.0\.0\.1:\d+\/snapshots\/k answered 500$/);
  });
});
