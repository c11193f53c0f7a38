import { createSession, methodSchema, type PairwiseUser, type SessionOptions } from "@useralign/core";
import type { AnswerSource } from "../answers/answer-source.js";
import { consistentTheta, parseAnswerSpec } from "../answers/answer-spec.js";
import { createInteractiveAnswers } from "../answers/interactive-answers.js";
import { createEmbeddingJudgeUser } from "../answers/embedding-judge-answers.js";
import { createScriptAnswers } from "../answers/script-answers.js";
import { createUserAnswers } from "../answers/user-answers.js";
import { createConsistentUser } from "@useralign/simulators";
import { intFlag, numberFlag, parseFlags } from "../flags.js";
import type { CliIo } from "../io.js";
import { BACKEND_FLAGS, BACKEND_HELP, backendFlag, backendRegistry } from "../backend-registry.js";
import { CHAT_FLAGS, CHAT_USAGE, chatClientFromFlags } from "../llm/chat-flags.js";
import { createPersonaJudge, type PersonaJudge } from "@useralign/llm";
import { loadPoolFile } from "@useralign/domains";
import { formatBound } from "../render/format-number.js";
import { atSlot } from "../render/question-view.js";
import { createStyle } from "../render/style.js";
import { renderSummary } from "../render/summary.js";
import { UsageError } from "../usage-error.js";

/** `useralign choose --help`. */
export const CHOOSE_USAGE = `Usage: useralign choose --pool FILE [options]

Asks "which of these two do you prefer?" until it can tell which candidate of the pool you like
best, then prints it next to the plain baseline answer.

Options:
  --pool FILE          pool file (format: apps/cli/README.md)
  --method M           useralign (default), useralign-loss, iidbest, random, oracle
  --epsilon E          stop once no candidate can beat the favourite by more than E (default 0)
  --seed N             seed for the random choices (default 0)
  --max-questions N    question cap (default 199)
  --max-steps N        step cap: questions plus earlier answers reused (default 199)
  --backend NAME       ${BACKEND_HELP}
  --answers SPEC       answer without asking you:
                         script:1,2,2,1            these answers, in order
                         consistent:persona=NAME   a persona of the pool file, always consistent
                         consistent:FILE           θ* from FILE ({"theta": [...]}), always consistent
                         llm:DESCRIPTION           a chat model role-playing this persona
                         embedding:DESCRIPTION     the embedding judge: prefers the answer whose
                                                   embedding is closer to DESCRIPTION's (pools
                                                   from "useralign embed --dataset")
                         embedding:persona=NAME    the same, with a pool persona's description
                                                   (temperature 0; chat flags below)
  --both-orders        llm: ask every pair in both orders (position-bias check; 2× calls)
  --json               print {choice, text, questions, bound, reason, history} on stdout
                       (questions, when asked, then go to stderr)
  -h, --help           show this help

${CHAT_USAGE}

Answering: press 1 or 2, or move with ←/→ and confirm with Enter; q quits (exit code 1).
With piped stdin, type one answer per line (1, 2 or q).
`;

/** One answered question, as the JSON summary lists it. */
interface HistoryItem {
  question: number;
  pair: [number, number];
  winner: number;
  bound: number | null;
}

/** `useralign choose`: a selection session on a pool file, answered by a person or a simulator. */
export async function chooseCommand(args: readonly string[], io: CliIo): Promise<number> {
  const flags = parseFlags("choose", args, {
    pool: { type: "string" },
    method: { type: "string" },
    epsilon: { type: "string" },
    seed: { type: "string" },
    "max-questions": { type: "string" },
    "max-steps": { type: "string" },
    ...BACKEND_FLAGS,
    answers: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
    "both-orders": { type: "boolean" },
    ...CHAT_FLAGS,
  });
  if (flags.help) {
    io.stdout(CHOOSE_USAGE);
    return 0;
  }
  if (flags.pool === undefined) throw new UsageError("choose needs --pool FILE.", "choose");
  const method = methodSchema.safeParse(flags.method ?? "useralign");
  if (!method.success) throw new UsageError(`--method must be one of ${methodSchema.options.join(", ")}; got "${flags.method}".`, "choose");
  const epsilon = numberFlag("choose", "epsilon", flags.epsilon, 0);
  const seed = intFlag("choose", "seed", flags.seed);
  const maxQuestions = intFlag("choose", "max-questions", flags["max-questions"], 1);
  const maxSteps = intFlag("choose", "max-steps", flags["max-steps"], 1);
  const backend = backendFlag("choose", flags);
  const spec = flags.answers === undefined ? undefined : parseAnswerSpec(flags.answers);
  if (spec?.kind !== "llm") {
    const stray = [...Object.keys(CHAT_FLAGS), "both-orders"].find((name) => (flags as Record<string, unknown>)[name] !== undefined);
    if (stray) throw new UsageError(`--${stray} only applies with --answers llm:….`, "choose");
  }

  const pool = await loadPoolFile(flags.pool, io.readFile);
  const features = pool.candidates.map((c) => c.features);
  const theta = spec?.kind === "consistent" ? await consistentTheta(spec, pool, io.readFile) : undefined;
  if (method.data === "oracle" && theta === undefined) {
    throw new UsageError("--method oracle knows the user's θ*: give it with --answers consistent:…", "choose");
  }
  const options: SessionOptions = {
    features,
    method: method.data,
    ...(epsilon === undefined ? {} : { epsilon }),
    ...(seed === undefined ? {} : { seed }),
    ...(maxQuestions === undefined ? {} : { maxQuestions }),
    ...(maxSteps === undefined ? {} : { maxSteps }),
    ...(backend === undefined ? {} : { backend, registry: await backendRegistry(backend) }),
    ...(method.data === "oracle" && theta ? { theta } : {}),
  };
  const session = createSession(options);

  // With --json, stdout carries only the summary; anything for people goes to stderr.
  const write = flags.json ? io.stderr : io.stdout;
  const style = createStyle(io.color);
  const ids = pool.candidates.map((c) => c.id);
  let judge: PersonaJudge | PairwiseUser | undefined;
  if (spec?.kind === "llm") {
    const client = chatClientFromFlags("choose", flags, io);
    judge = createPersonaJudge({
      client,
      name: "llm",
      description: spec.persona,
      question: pool.question,
      bothOrders: flags["both-orders"] === true,
    });
  } else if (spec?.kind === "embedding") {
    judge = await createEmbeddingJudgeUser(spec, pool, flags.pool);
  }
  const source: AnswerSource =
    judge !== undefined
      ? createUserAnswers(judge, { question: pool.question, texts: pool.candidates.map((c) => c.text), features })
      : spec === undefined
        ? createInteractiveAnswers({
            prompt: pool.question,
            texts: pool.candidates.map((c) => c.text),
            ids,
            epsilon: session.settings.epsilon,
            keys: io.keys(),
            write,
            keyboard: io.interactive,
            columns: io.columns,
            style,
          })
        : spec?.kind === "script"
          ? createScriptAnswers(spec.slots)
          : createUserAnswers(createConsistentUser({ theta: theta! }), { features });
  const traced = spec !== undefined && !flags.json;

  const history: HistoryItem[] = [];
  let view = session.next();
  try {
    while (view.status === "question") {
      const slot = await source.answer(view);
      if (slot === "quit") {
        io.stderr(`Stopped after ${session.questions} question${session.questions === 1 ? "" : "s"}; no pick was made.\n`);
        return 1;
      }
      const winner = atSlot(view.pair, slot);
      if (traced) {
        const [a, b] = view.pair;
        io.stdout(`  Q${view.question}  B(t) = ${formatBound(view.bound)}  ${ids[a]} vs ${ids[b]} → ${ids[winner]}\n`);
      }
      history.push({ question: view.question, pair: [view.pair[0], view.pair[1]], winner, bound: view.bound });
      view = session.answer(winner);
    }
  } finally {
    source.close();
  }

  if (judge && "stats" in judge) {
    const s = judge.stats();
    const parts = [
      `${s.calls} chat call${s.calls === 1 ? "" : "s"}`,
      `${s.reasks} re-asked`,
      ...(flags["both-orders"] ? [`${s.disagreements} of ${s.comparisons} pairs answered by position`] : []),
    ];
    io.stderr(`Persona judge: ${parts.join(", ")}.\n`);
  }
  const chosen = pool.candidates[view.choice]!;
  if (flags.json) {
    const summary = { choice: view.choice, text: chosen.text, questions: view.questions, bound: view.bound, reason: view.reason, history };
    io.stdout(`${JSON.stringify(summary)}\n`);
  } else {
    const summary = {
      result: view,
      method: method.data,
      epsilon: session.settings.epsilon,
      maxQuestions: session.settings.maxQuestions,
      maxSteps: session.settings.maxSteps,
      chosen: { id: chosen.id, text: chosen.text },
      baseline: pool.baseline.text,
    };
    io.stdout(renderSummary(summary, io.columns, style));
  }
  return 0;
}
