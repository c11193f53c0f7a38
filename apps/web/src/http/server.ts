import { timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { StudyError } from "../errors.js";
import { exportRows, toCsv } from "../export.js";
import type { StudyStore } from "../store/store.js";
import type { StudyService } from "../study-service.js";
import { winRates } from "../win-rates.js";
import { readJson, sendError, sendJson } from "./respond.js";
import { PAGES, PUBLIC_DIR, sendFile } from "./static-files.js";

/** Options of {@link createStudyServer}. */
export interface StudyServerOptions {
  service: StudyService;
  store: StudyStore;
  /** Token for the admin page and exports (header `Authorization: Bearer …` or `?token=`). */
  adminToken: string;
  /** Where internal errors are logged. @default console.error */
  log?: (line: string) => void;
}

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "content-security-policy": "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
};

const PARTICIPANT = /^\/api\/participants\/([A-Za-z0-9-]{1,100})(\/start|\/answers)?$/;

/** An HTTP server for one study: the participant pages, the JSON API and the admin views. */
export function createStudyServer(options: StudyServerOptions): Server {
  const log = options.log ?? ((line: string) => console.error(line));
  const expected = Buffer.from(options.adminToken);
  const authorized = (req: IncomingMessage, url: URL): boolean => {
    const header = req.headers.authorization;
    const given = header?.startsWith("Bearer ") ? header.slice(7) : (url.searchParams.get("token") ?? "");
    const buf = Buffer.from(given);
    return buf.length === expected.length && timingSafeEqual(buf, expected);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    const method = req.method ?? "GET";
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);

    if (method === "GET" && PAGES[path]) return sendFile(res, join(PUBLIC_DIR, PAGES[path]), "no-cache");
    if (method === "GET" && path.startsWith("/media/")) {
      const file = options.service.study.media.get(path);
      if (!file) throw new StudyError("not_found", `No media file ${path}.`);
      return sendFile(res, file, "public, max-age=3600");
    }
    if (method === "GET" && path === "/healthz") return sendJson(res, 200, { ok: true, store: options.store.kind });
    if (method === "GET" && path === "/api/study") {
      const { title, intro } = options.service.study;
      return sendJson(res, 200, { title, intro });
    }
    if (method === "POST" && path === "/api/participants") return sendJson(res, 201, await options.service.createParticipant());

    const m = PARTICIPANT.exec(path);
    if (m) {
      const id = m[1]!;
      if (method === "GET" && !m[2]) return sendJson(res, 200, await options.service.view(id));
      if (method === "POST" && m[2] === "/start") return sendJson(res, 200, await options.service.start(id));
      if (method === "POST" && m[2] === "/answers") {
        const result = await options.service.answer(id, await readJson(req));
        return sendJson(res, result.duplicate ? 200 : 201, result);
      }
    }

    if (path.startsWith("/api/admin/")) {
      if (!authorized(req, url)) throw new StudyError("unauthorized", "The admin views need the study's admin token.");
      if (method === "GET" && path === "/api/admin/summary") {
        const [participants, answers] = await Promise.all([options.store.listParticipants(), options.store.listAnswers()]);
        const stages: Record<string, number> = { question: 0, compare: 0, evaluate: 0, done: 0 };
        for (const p of participants) stages[p.state.stage]!++;
        return sendJson(res, 200, { title: options.service.study.title, participants: participants.length, stages, answers: answers.length, winRates: winRates(options.service.study, participants, answers) });
      }
      if (method === "GET" && (path === "/api/admin/answers.json" || path === "/api/admin/answers.csv")) {
        const [participants, answers] = await Promise.all([options.store.listParticipants(), options.store.listAnswers()]);
        const rows = exportRows(options.service.study, participants, answers);
        if (path.endsWith(".json")) return sendJson(res, 200, rows);
        const csv = toCsv(rows);
        res.writeHead(200, { "content-type": "text/csv; charset=utf-8", "content-disposition": 'attachment; filename="answers.csv"', "cache-control": "no-store" });
        return void res.end(csv);
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
