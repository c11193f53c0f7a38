/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** Server base URL, e.g. `http://127.0.0.1:8080`. */
  url: string;
  /** Simulated participants, all running at once. */
  participants: number;
  /** Every `replayEvery`-th answer is sent twice at the same moment (a double click). @default 3 */
  replayEvery?: number;
  /** HTTP client. @default globalThis.fetch */
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

/**
 * A JSON client that retries what is safe to retry: every request here is idempotent (answers
 * carry their id, start and consent repeat harmlessly), so a reset connection or a 5xx is sent
 * again after an exponential backoff with jitter, up to `attempts` times.
 */
function jsonClient(base: string, fetchImpl: typeof fetch, attempts: number, onRetry: () => void) {
  const once = async (path: string, body: unknown): Promise<Reply> => {
    const res = await fetchImpl(base + path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const text = await res.text();
    if (res.status >= 500) throw new Error(`${path}: the server answered ${res.status}: ${text.slice(0, 200)}`);
    try {
      return { status: res.status, body: JSON.parse(text) };
    } catch {
      throw new Error(`${path}: the server answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
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
  requestsPerSecond: number;
  answersPerSecond: number;
  /** Answer request latency (ms): median, 95th percentile, maximum. */
  latencyMs: { p50: number; p95: number; max: number };
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
  const api = jsonClient(options.url.replace(/\/$/, ""), options.fetch ?? globalThis.fetch, options.attempts ?? 5, () => retries++);
  const replayEvery = options.replayEvery ?? 3;
  let requests = 0;
  let answersSent = 0;
  let replays = 0;
  let duplicatesReported = 0;
  const stored = new Map<string, string[]>();
  const latencies: number[] = [];
  const t0 = performance.now();
  // A Prolific-style id per simulated person, so a retried creation returns the same participant.
  const run = Math.random().toString(36).slice(2, 10);
  const one = async (k: number) => {
    let view = (await api.post("/api/participants", { params: { PROLIFIC_PID: `load-${run}-${k}` } })).body;
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
      const body = { answerId: `${view.participantId}-${view.stage}-${view.progress.step}`, stage: view.stage, step: view.progress.step, choice: (k + n) % 2 ? "a" : "b" };
      const replay = ++n % replayEvery === 0;
      const sends = replay ? [api.post(`/api/participants/${view.participantId}/answers`, body), api.post(`/api/participants/${view.participantId}/answers`, body)] : [api.post(`/api/participants/${view.participantId}/answers`, body)];
      const sent = performance.now();
      const results = await Promise.all(sends);
      latencies.push(performance.now() - sent);
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
  await Promise.all(Array.from({ length: options.participants }, (_, k) => one(k)));
  const seconds = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!;
  return {
    participants: options.participants,
    requests,
    answersSent,
    replays,
    duplicatesReported,
    retries,
    seconds,
    requestsPerSecond: requests / seconds,
    answersPerSecond: answersSent / seconds,
    latencyMs: { p50: at(0.5), p95: at(0.95), max: latencies.at(-1)! },
    stored,
  };
}
