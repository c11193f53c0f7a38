// Simulates users with LLM persona judges on a pool file (the paper's GPT-simulated users,
// Section 5): for each persona, a UserAlign session asks the judge pairwise questions until it
// stops, then the judge compares the pick with the pool's baseline answer (win-rate).
//
//   pnpm build
//   OPENAI_BASE_URL=http://127.0.0.1:8080/v1 USERALIGN_LLM_MODEL=qwen2.5-1.5b-instruct \
//     node examples/persona-loop.mjs pool.json personas.json [--both-orders] [--cache .llm-cache]
//
// personas.json: [{"name": "chili fan", "description": "Loves fiery food; ..."}, ...].
// Plain .mjs on the built packages: Node 20 cannot run .ts.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { createSession } from "../packages/core/dist/index.js";
import { parsePool } from "../packages/domains/dist/index.js";
import { createChatClient, createPersonaJudge } from "../packages/llm/dist/index.js";
import { createFileCache } from "../packages/llm/dist/node.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { "both-orders": { type: "boolean", default: false }, cache: { type: "string" }, epsilon: { type: "string", default: "0" } },
});
if (positionals.length !== 2) {
  process.stderr.write("usage: node examples/persona-loop.mjs POOL.json PERSONAS.json [--both-orders] [--cache DIR] [--epsilon E]\n");
  process.exit(2);
}
const pool = parsePool(JSON.parse(readFileSync(positionals[0], "utf8")), positionals[0]);
const personas = JSON.parse(readFileSync(positionals[1], "utf8"));
const client = createChatClient(values.cache ? { cache: createFileCache(values.cache) } : {});
const features = pool.candidates.map((c) => c.features);
const candidate = (index) =>
  index === pool.candidates.length
    ? { index, text: pool.baseline.text, features: features[0] } // the baseline, outside the pool
    : { index, text: pool.candidates[index].text, features: features[index] };

const rows = [];
for (const persona of personas) {
  const judge = createPersonaJudge({
    client,
    name: persona.name,
    description: persona.description,
    question: pool.question,
    bothOrders: values["both-orders"],
  });
  const session = createSession({ features, epsilon: Number(values.epsilon) });
  let view = session.next();
  while (view.status === "question") {
    const [a, b] = view.pair;
    view = session.answer(await judge.compare({ first: candidate(a), second: candidate(b) }));
  }
  // Win-rate against the baseline, judged by the same persona (a tie when the texts are equal).
  const chosen = pool.candidates[view.choice];
  const win =
    chosen.text === pool.baseline.text
      ? 0.5
      : (await judge.compare({ first: candidate(view.choice), second: candidate(pool.candidates.length) })) === view.choice
        ? 1
        : 0;
  const s = judge.stats();
  rows.push({ persona: persona.name, choice: chosen.id, questions: view.questions, win, reasks: s.reasks, disagreements: s.disagreements });
  process.stderr.write(
    `${persona.name}: ${chosen.id} after ${view.questions} questions, ${win === 1 ? "beats" : win === 0 ? "loses to" : "ties"} the baseline\n`,
  );
}
const winRate = rows.reduce((sum, r) => sum + r.win, 0) / rows.length;
const { requests, cacheHits } = client.stats();
process.stdout.write(`${JSON.stringify({ winRate, personas: rows, requests, cacheHits })}\n`);
