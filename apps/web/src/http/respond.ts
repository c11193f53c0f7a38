import { isUserAlignError } from "@useralign/core";
import type { IncomingMessage, ServerResponse } from "node:http";
import { StudyError } from "../errors.js";

/** Largest request body accepted (answers are tiny). */
const MAX_BODY = 16 * 1024;

/** Sends JSON; API responses are never cached (every screen comes from the store). */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** Turns any error into a JSON error response: typed errors keep their code and message. */
export function sendError(res: ServerResponse, e: unknown, log: (line: string) => void): void {
  if (e instanceof StudyError) {
    sendJson(res, e.status, { error: { code: e.code, reason: e.reason, message: e.message, issues: e.issues } });
  } else if (isUserAlignError(e)) {
    sendJson(res, 400, { error: { code: e.code, reason: "bad_request", message: e.message, issues: e.issues } });
  } else {
    log(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    sendJson(res, 500, {
      error: {
        code: "internal_error",
        reason: "internal",
        message: "Something went wrong on the server; your answers so far are saved. Reload to continue.",
      },
    });
  }
}

/**
 * Reads a JSON request body (empty body = `{}`); bad JSON and oversized bodies are `bad_request`.
 * Plain stream events rather than `for await`: the async iterator costs more CPU than the rest of
 * reading a tiny body.
 */
export function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      reject(e);
    };
    req.on("data", (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > MAX_BODY) {
        fail(new StudyError("bad_request", `The request body is larger than ${MAX_BODY} bytes.`));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", fail);
    req.on("end", () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString("utf8").trim();
      if (text === "") return resolve({});
      try {
        resolve(JSON.parse(text) as unknown);
      } catch (e) {
        fail(new StudyError("bad_request", `The request body is not valid JSON: ${(e as Error).message}`));
      }
    });
  });
}
