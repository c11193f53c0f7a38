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
}

interface Reply {
  status: number;
  // The API's JSON; this generator only follows `view` and `duplicate`.
  body: any;
}

function jsonClient(base: string, fetchImpl: typeof fetch) {
  return {
    post: async (path: string, body?: unknown): Promise<Reply> => {
      const res = await fetchImpl(base + path, {
        method: "POST",
        ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
      });
      const text = await res.text();
      try {
        return { status: res.status, body: JSON.parse(text) };
      } catch {
        throw new Error(`${path}: the server answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
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
  const api = jsonClient(options.url.replace(/\/$/, ""), options.fetch ?? globalThis.fetch);
  const replayEvery = options.replayEvery ?? 3;
  let requests = 0;
  let answersSent = 0;
  let replays = 0;
  let duplicatesReported = 0;
  const stored = new Map<string, string[]>();
  const latencies: number[] = [];
  const t0 = performance.now();
  const one = async (k: number) => {
    let view = (await api.post("/api/participants")).body;
    requests++;
    const mine: string[] = [];
    stored.set(view.participantId, mine);
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
    seconds,
    requestsPerSecond: requests / seconds,
    answersPerSecond: answersSent / seconds,
    latencyMs: { p50: at(0.5), p95: at(0.95), max: latencies.at(-1)! },
    stored,
  };
}
