import { readFile } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { extname } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".gif": "image/gif",
};

/** The browser files (public/ beside src/ and dist/). */
export const PUBLIC_DIR = fileURLToPath(new URL("../../public/", import.meta.url));

/** The pages and scripts, by URL path. Nothing else under public/ is reachable. */
export const PAGES: Readonly<Record<string, string>> = {
  "/": "index.html",
  "/app.js": "app.js",
  "/style.css": "style.css",
  "/admin": "admin.html",
  "/admin.js": "admin.js",
};

/** Sends a file from an allow-list (never a path built from the URL); `head` sends the headers only. */
export async function sendFile(res: ServerResponse, path: string, cache: string, head = false): Promise<void> {
  const body = await readFile(path);
  res.writeHead(200, {
    "content-type": TYPES[extname(path).toLowerCase()] ?? "application/octet-stream",
    "content-length": body.length,
    "cache-control": cache,
  });
  res.end(head ? undefined : body);
}
