import type { Script, SeenRequest } from "./fake-chat-server.js";
import { lastUser } from "./fake-chat-server.js";

/** What a scripted model answers to each kind of prompt this package sends. */
export interface ModelScript {
  interests?: (count: number, request: SeenRequest, index: number) => string;
  perInterest?: (interest: string, request: SeenRequest) => string;
  plain?: (request: SeenRequest) => string;
  judge?: (first: string, second: string, request: SeenRequest) => string;
}

/**
 * A fake chat model that recognises our prompts (pool generation and judging) and answers them
 * with scripted text: interests `interest 1..k`, per-interest answers `Answer for <interest>`,
 * plain samples `Sample with seed <seed>` (the baseline: `Baseline answer`).
 */
export function scriptedModel(script: ModelScript = {}): Script {
  return (request, index) => {
    const user = lastUser(request);
    const system = request.body.messages.find((m) => m.role === "system")?.content ?? "";
    if (system.startsWith("You are role-playing")) {
      // The pair is in the first user message; after a re-ask the last one is only a reminder.
      const pair = request.body.messages.find((m) => m.role === "user")?.content ?? "";
      const first = /Response 1:\n([\s\S]*?)\n\nResponse 2:/.exec(pair)?.[1] ?? "";
      const second = /Response 2:\n([\s\S]*?)\n\nWhich response/.exec(pair)?.[1] ?? "";
      return script.judge ? script.judge(first, second, request) : "1";
    }
    const list = /List (\d+) distinct interests/.exec(user);
    if (list) {
      const count = Number(list[1]);
      return script.interests
        ? script.interests(count, request, index)
        : JSON.stringify(Array.from({ length: count }, (_, k) => `interest ${k + 1}`));
    }
    const interest = /\(Write your answer for someone whose main interest is: (.*)\.\)$/.exec(user);
    if (interest) return script.perInterest ? script.perInterest(interest[1]!, request) : `Answer for ${interest[1]}`;
    if (request.body.temperature === 0) return "Baseline answer";
    return script.plain ? script.plain(request) : `Sample with seed ${request.body.seed}`;
  };
}
