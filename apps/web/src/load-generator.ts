import { Agent, request } from "node:http";
import { request as requestTls } from "node:https";

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** Server base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** Simulated participants, all running at once. */
  participants: number;
  /** Every `replayEvery`-th answer is sent twice at the same moment (a double click). @default 3 */
  replayEvery?: number;
  /**
   * HTTP client. @default a keep-alive `node:http` client, much cheaper per request than `fetch`,
   * so that on a small machine the run measures the server rather than itself
   */
  fetch?: typeof fetch;
  /** Attempts per request on a network error or a 5xx before giving up. @default 5 */
  attempts?: number;
}

interface Reply {
  status: number;
  // The API's JSON; this generator only follows `view` and `duplicate`.
  body: any;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sends one JSON POST and resolves with the status and the body text. */
type Transport = (url: string, body: string) => Promise<{ status: number; text: string }>;

function fetchTransport(fetchImpl: typeof fetch): Transport {
  return async (url, body) => {
    const res = await fetchImpl(url, { method: "POST", headers: { "content-type": "application/json" }, body });
    return { status: res.status, text: await res.text() };
  };
}

/** A `node:http(s)` transport over one keep-alive agent: no WHATWG streams or per-request objects beyond Node's own. */
function nodeTransport(base: string): { post: Transport; close: () => void } {
  const tls = base.startsWith("https:");
  const agent = new Agent({ keepAlive: true });
  const send = tls ? requestTls : request;
  const post: Transport = (url, body) =>
    new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: "POST",
          agent: tls ? undefined : agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  return { post, close: () => agent.destroy() };
}

/**
 * A JSON client that retries what is safe to retry: every request here is idempotent (answers
 * carry their id, start and consent repeat harmlessly), so a reset connection or a 5xx is sent
 * again after an exponential backoff with jitter, up to `attempts` times.
 */
function jsonClient(base: string, transport: Transport, attempts: number, onRetry: () => void) {
  const once = async (path: string, body: unknown): Promise<Reply> => {
    const { status, text } = await transport(base + path, JSON.stringify(body));
    if (status >= 500) throw new Error(`${path}: the server answered ${status}: ${text.slice(0, 200)}`);
    try {
      return { status, body: JSON.parse(text) };
    } catch {
      throw new Error(`${path}: the server answered ${status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
  };
  return {
    post: async (path: string, body: unknown = {}): Promise<Reply> => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await once(path, body);
        } catch (e) {
          if (attempt >= attempts) throw e;
          onRetry();
          await sleep(50 * 2 ** attempt * (0.5 + Math.random()));
        }
      }
    },
  };
}

/** Median, 95th percentile and maximum of a set of latencies (ms); zeros when there were none. */
export interface LatencySummary {
  p50: number;
  p95: number;
  max: number;
}

function summarize(values: number[]): LatencySummary {
  if (values.length === 0) return { p50: 0, p95: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted.at(-1)! };
}

/** What a load run did. */
export interface LoadReport {
  participants: number;
  requests: number;
  answersSent: number;
  replays: number;
  duplicatesReported: number;
  /** Requests sent again after a network error or a 5xx. */
  retries: number;
  seconds: number;
  /** CPU time this (client) process spent during the run, ms. */
  clientCpuMs: number;
  requestsPerSecond: number;
  answersPerSecond: number;
  /** Answer latency (ms; a double submit counts until both replies are in): median, 95th percentile, maximum. */
  latencyMs: LatencySummary;
  /**
   * The same split by what was sent: joins (each participant's first request, on a new connection),
   * answers sent once, and answers sent twice at once (the second copy usually opens another
   * connection). A saturated server accepts new connections slowly, so the tail is mostly there.
   */
  latencyByKind: { join: LatencySummary; single: LatencySummary; double: LatencySummary };
  /** Per participant: the answer ids the server confirmed as stored. */
  stored: Map<string, string[]>;
}

/**
 * Sends `participants` simulated people through the whole study concurrently, over HTTP, each
 * answering every screen (some answers sent twice at once), and counts what the server said.
 * Use it to check a deployment before a study (`scripts/load.mjs`); it writes real rows, so point
 * it at a throwaway database.
 */
export async function runLoad(options: LoadOptions): Promise<LoadReport> {
  let retries = 0;
  const base = options.url.replace(/\/$/, "");
  const node = options.fetch ? null : nodeTransport(base);
  const api = jsonClient(base, node?.post ?? fetchTransport(options.fetch!), options.attempts ?? 5, () => retries++);
  const replayEvery = options.replayEvery ?? 3;
  let requests = 0;
  let answersSent = 0;
  let replays = 0;
  let duplicatesReported = 0;
  const stored = new Map<string, string[]>();
  const latencies = { join: [] as number[], single: [] as number[], double: [] as number[] };
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // A Prolific-style id per simulated person, so a retried creation returns the same participant.
  const run = Math.random().toString(36).slice(2, 10);
  const one = async (k: number) => {
    const joining = performance.now();
    let view = (await api.post("/api/participants", { params: { PROLIFIC_PID: `load-${run}-${k}` } })).body;
    latencies.join.push(performance.now() - joining);
    requests++;
    const mine: string[] = [];
    stored.set(view.participantId, mine);
    if (view.stage === "consent") {
      view = (await api.post(`/api/participants/${view.participantId}/consent`, { accept: true })).body;
      requests++;
    }
    view = (await api.post(`/api/participants/${view.participantId}/start`)).body;
    requests++;
    let n = 0;
    while (view.stage === "compare" || view.stage === "evaluate") {
      const body = {
        answerId: `${view.participantId}-${view.stage}-${view.progress.step}`,
        stage: view.stage,
        step: view.progress.step,
        choice: (k + n) % 2 ? "a" : "b",
      };
      const replay = ++n % replayEvery === 0;
      const sends = replay
        ? [
            api.post(`/api/participants/${view.participantId}/answers`, body),
            api.post(`/api/participants/${view.participantId}/answers`, body),
          ]
        : [api.post(`/api/participants/${view.participantId}/answers`, body)];
      const sent = performance.now();
      const results = await Promise.all(sends);
      (replay ? latencies.double : latencies.single).push(performance.now() - sent);
      requests += sends.length;
      answersSent++;
      if (replay) replays++;
      for (const r of results) {
        if (r.status === 201) mine.push(body.answerId);
        else if (r.status === 200 && r.body.duplicate) duplicatesReported++;
        else throw new Error(`participant ${k}: unexpected ${r.status} ${JSON.stringify(r.body)}`);
      }
      view = results[0]!.body.view;
    }
    if (view.stage !== "done") throw new Error(`participant ${k} ended at ${view.stage}`);
  };
  try {
    await Promise.all(Array.from({ length: options.participants }, (_, k) => one(k)));
  } finally {
    node?.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return {
    participants: options.participants,
    requests,
    answersSent,
    replays,
    duplicatesReported,
    retries,
    seconds,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    requestsPerSecond: requests / seconds,
    answersPerSecond: answersSent / seconds,
    latencyMs: summarize([...latencies.single, ...latencies.double]),
    latencyByKind: { join: summarize(latencies.join), single: summarize(latencies.single), double: summarize(latencies.double) },
    stored,
  };
}
