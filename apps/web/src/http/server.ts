import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { StudyError } from "../errors.js";
import { exportRows, toCsv } from "../export.js";
import { excludedParticipants, findByCode, participantRows, participantsCsv, participantStatus } from "../participant-export.js";
import type { StudyStore } from "../store/store.js";
import type { StudyService } from "../study-service.js";
import { winRates } from "../win-rates.js";
import { readJson, sendError, sendJson } from "./respond.js";
import { PAGES, PUBLIC_DIR, sendFile } from "./static-files.js";

/** Options of {@link createStudyServer}. */
export interface StudyServerOptions {
  service: StudyService;
  store: StudyStore;
  /** Token for the admin page and exports, sent as `Authorization: Bearer …` (never in a URL). */
  adminToken: string;
  /** Where internal errors are logged. @default console.error */
  log?: (line: string) => void;
  /** Clock for the admin's abandonment status. @default () => new Date() */
  now?: () => Date;
}

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "content-security-policy": "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
};

const PARTICIPANT = /^\/api\/participants\/([A-Za-z0-9-]{1,100})(\/start|\/answers|\/consent)?$/;

/**
 * Every POST must be JSON from this site: a cross-site form or `text/plain` fetch (which needs no
 * CORS preflight) is refused before it can create a participant or answer for one.
 */
function checkPost(req: IncomingMessage): void {
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json")
    throw new StudyError("unsupported_media_type", "Requests must be JSON (content-type: application/json).");
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none")
    throw new StudyError("forbidden", "Cross-site requests are not accepted.");
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      throw new StudyError("forbidden", "Cross-site requests are not accepted.");
    }
    const hosts = [
      req.headers.host,
      ...String(req.headers["x-forwarded-host"] ?? "")
        .split(",")
        .map((h) => h.trim()),
    ];
    if (!hosts.includes(host)) throw new StudyError("forbidden", "Cross-site requests are not accepted.");
  }
}

/** An HTTP server for one study: the participant pages, the JSON API and the admin views. */
export function createStudyServer(options: StudyServerOptions): Server {
  const log = options.log ?? ((line: string) => console.error(line));
  const now = options.now ?? (() => new Date());
  const { service, store } = options;
  const expected = Buffer.from(options.adminToken);
  // Bearer header only: a token in a query string ends up in proxy logs and browser history.
  const authorized = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization;
    const buf = Buffer.from(header?.startsWith("Bearer ") ? header.slice(7) : "");
    return buf.length === expected.length && timingSafeEqual(buf, expected);
  };
  const download = (res: ServerResponse, name: string, csv: string) => {
    res.writeHead(200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    });
    res.end(csv);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    const method = req.method ?? "GET";
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);

    const read = method === "GET" || method === "HEAD";
    if (read && PAGES[path]) return sendFile(res, join(PUBLIC_DIR, PAGES[path]), "no-cache", method === "HEAD");
    if (read && path.startsWith("/media/")) {
      const file = service.study.media.get(path);
      if (!file) throw new StudyError("not_found", `No media file ${path}.`);
      return sendFile(res, file, "public, max-age=3600", method === "HEAD");
    }
    if (read && path === "/healthz") {
      try {
        await store.ping();
      } catch (e) {
        log(`healthz: the ${store.kind} database does not answer: ${(e as Error).message}`);
        return sendJson(res, 503, { ok: false, store: store.kind, error: "the database does not answer" });
      }
      return sendJson(res, 200, { ok: true, store: store.kind });
    }
    if (method === "GET" && path === "/api/study") {
      const { title, intro } = service.study;
      return sendJson(res, 200, { title, intro });
    }
    if (method === "POST") checkPost(req);
    if (method === "POST" && path === "/api/participants") {
      const joined = await service.join(await readJson(req));
      return sendJson(res, joined.created ? 201 : 200, joined.view);
    }

    const m = PARTICIPANT.exec(path);
    if (m) {
      const id = m[1]!;
      if (method === "GET" && !m[2]) return sendJson(res, 200, await service.view(id));
      if (method === "POST" && m[2] === "/consent") return sendJson(res, 200, await service.consent(id, await readJson(req)));
      if (method === "POST" && m[2] === "/start") return sendJson(res, 200, await service.start(id));
      if (method === "POST" && m[2] === "/answers") {
        const result = await service.answer(id, await readJson(req));
        return sendJson(res, result.duplicate ? 200 : 201, result);
      }
    }

    if (path.startsWith("/api/admin/")) {
      if (!authorized(req)) throw new StudyError("unauthorized", "The admin views need the study's admin token (Authorization: Bearer …).");
      if (method !== "GET") throw new StudyError("not_found", `No route ${method} ${path}.`);
      const [participants, answers] = await Promise.all([store.listParticipants(), store.listAnswers()]);
      const study = service.study;
      if (path === "/api/admin/summary") {
        const stages: Record<string, number> = { consent: 0, question: 0, compare: 0, evaluate: 0, done: 0, abandoned: 0 };
        const at = now();
        for (const p of participants) stages[participantStatus(study, p, at)]!++;
        const excluded = excludedParticipants(study, answers);
        const checks = answers.filter((a) => a.payload.stage === "attention");
        const attention = {
          answered: checks.length,
          failed: checks.filter((a) => a.payload.stage === "attention" && !a.payload.passed).length,
          excludedParticipants: excluded.size,
        };
        return sendJson(res, 200, {
          title: study.title,
          participants: participants.length,
          stages,
          answers: answers.length,
          attention,
          winRates: winRates(study, participants, answers, excluded),
        });
      }
      if (path === "/api/admin/verify") {
        const p = findByCode(service.secret, participants, url.searchParams.get("code") ?? "");
        return sendJson(res, 200, p ? { valid: true, participantId: p.id } : { valid: false });
      }
      if (path === "/api/admin/answers.json" || path === "/api/admin/answers.csv") {
        const rows = exportRows(study, participants, answers);
        return path.endsWith(".json") ? sendJson(res, 200, rows) : download(res, "answers.csv", toCsv(rows));
      }
      if (path === "/api/admin/participants.json" || path === "/api/admin/participants.csv") {
        const rows = participantRows(study, service.secret, participants, answers, now());
        return path.endsWith(".json") ? sendJson(res, 200, rows) : download(res, "participants.csv", participantsCsv(study, rows));
      }
    }
    throw new StudyError("not_found", `No route ${method} ${path}.`);
  };

  return createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return void res.destroy();
      sendError(res, e, log);
    });
  });
}
