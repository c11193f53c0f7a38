import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request the fake server received. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  /** The parsed JSON body (undefined when it was not JSON). */
  readonly body: ChatBody;
}

/** The fields of a chat-completions request body the tests look at. */
export interface ChatBody {
  model?: string;
  messages: { role: string; content: string }[];
  temperature?: number;
  seed?: number;
  [key: string]: unknown;
}

/** What the scripted server answers: a chat reply text, or full control over the HTTP response. */
export type Reply =
  | string
  | {
      status?: number;
      headers?: Record<string, string>;
      /** A string is sent as is (for malformed JSON); anything else as JSON. */
      body?: unknown;
      /** Wait this long before answering (for timeouts and concurrency). */
      delayMs?: number;
    };

/** Decides the reply to the `index`-th request (0-based). */
export type Script = (request: SeenRequest, index: number) => Reply | Promise<Reply>;

/** A running fake server. */
export interface FakeChatServer {
  /** API root to give the client, e.g. `http://127.0.0.1:41234/v1`. */
  readonly baseUrl: string;
  readonly requests: SeenRequest[];
  /** The most requests that were being handled at once. */
  readonly maxInFlight: number;
  close(): Promise<void>;
}

/** A chat-completions success body with `content` as the first choice. */
export function completionBody(content: unknown, model = "fake-model"): unknown {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: 0,
    model,
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

/** Options of {@link startFakeChatServer}. */
export interface FakeChatServerOptions {
  /**
   * Also serve `POST /v1/embeddings` (OpenAI format), one vector per input text from this
   * function, so one server can stand in for a local server that does both.
   * @default no embeddings route
   */
  embed?: (text: string) => number[];
}

/**
 * Starts a real HTTP server on 127.0.0.1 (a free port) that speaks enough of the OpenAI
 * chat-completions protocol for the tests: POST /v1/chat/completions, answered by `script`
 * (and POST /v1/embeddings when `options.embed` is given; those requests are not recorded).
 * Anything else is a 404 with an OpenAI-style error body.
 */
export async function startFakeChatServer(script: Script, options: FakeChatServerOptions = {}): Promise<FakeChatServer> {
  const requests: SeenRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      void (async () => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: ChatBody;
          try {
            body = JSON.parse(text) as ChatBody;
          } catch {
            body = { messages: [] };
          }
          const seen: SeenRequest = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body };
          if (options.embed && req.method === "POST" && req.url === "/v1/embeddings") {
            const input = (body as { input?: unknown }).input;
            const texts = Array.isArray(input) ? input.map(String) : [String(input)];
            const data = texts.map((t, index) => ({ object: "embedding", index, embedding: options.embed!(t) }));
            res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ object: "list", model: body.model, data }));
            return;
          }
          if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
            res
              .writeHead(404, { "content-type": "application/json" })
              .end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
            return;
          }
          const index = requests.length;
          requests.push(seen);
          const reply = await script(seen, index);
          const r = typeof reply === "string" ? { body: completionBody(reply) } : reply;
          if (r.delayMs) await new Promise((resolve) => setTimeout(resolve, r.delayMs));
          if (res.destroyed) return;
          const payload = typeof r.body === "string" ? r.body : JSON.stringify(r.body ?? completionBody("ok"));
          res.writeHead(r.status ?? 200, { "content-type": "application/json", ...r.headers }).end(payload);
        } finally {
          inFlight--;
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}

/** The last user message of a request, which the scripts usually route on. */
export function lastUser(request: SeenRequest): string {
  const users = request.body.messages.filter((m) => m.role === "user");
  return users[users.length - 1]?.content ?? "";
}
