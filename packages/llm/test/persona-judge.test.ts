import { createSession, isUserAlignError } from "@useralign/core";
import { afterEach, describe, expect, it } from "vitest";
import { createChatClient } from "../src/chat-client.js";
import { createPersonaJudge, type PersonaJudgeOptions } from "../src/persona-judge.js";
import { ProviderError } from "../src/provider-error.js";
import { lastUser, startFakeChatServer, type FakeChatServer } from "../src/testing/fake-chat-server.js";
import { scriptedModel, type ModelScript } from "../src/testing/scripted-model.js";

const servers: FakeChatServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(judge: ModelScript["judge"], options: Partial<PersonaJudgeOptions> = {}) {
  const server = await startFakeChatServer(scriptedModel(judge ? { judge } : {}));
  servers.push(server);
  const client = createChatClient({ baseUrl: server.baseUrl, model: "m", env: {}, retry: { maxRetries: 0 } });
  const judgeUser = createPersonaJudge({ client, name: "chili fan", description: "Loves spicy food; the hotter the better.", ...options });
  return { server, judge: judgeUser };
}

const spice = (text: string) => Number(/spice (\d+)/.exec(text)?.[1] ?? 0);
/** A content-driven judge: prefers the hotter dish, answering in the exact format. */
const hotter = (first: string, second: string) => (spice(first) >= spice(second) ? "1" : "2");

const candidate = (index: number, text?: string) => ({ index, features: [0, 0], ...(text === undefined ? {} : { text }) });

describe("createPersonaJudge", () => {
  it("asks at temperature 0 with the persona as system prompt and maps the answer to a pool index", async () => {
    const { server, judge } = await setup(hotter);
    expect(judge.name).toBe("persona:chili fan");
    const winner = await judge.compare({
      question: "Dinner?",
      first: candidate(4, "Dish with spice 2"),
      second: candidate(9, "Dish with spice 8"),
    });
    expect(winner).toBe(9);
    expect(await judge.compare({ first: candidate(9, "Dish with spice 8"), second: candidate(4, "Dish with spice 2") })).toBe(9);
    const seen = server.requests[0]!;
    expect(seen.body.temperature).toBe(0);
    expect(seen.body.messages[0]).toEqual({ role: "system", content: expect.stringContaining("Loves spicy food; the hotter the better.") });
    expect(lastUser(seen)).toBe(
      "Question: Dinner?\n\nResponse 1:\nDish with spice 2\n\nResponse 2:\nDish with spice 8\n\nWhich response does this person prefer? Answer 1 or 2.",
    );
    expect(lastUser(server.requests[1]!).startsWith("Response 1:")).toBe(true);
    expect(judge.stats()).toEqual({ comparisons: 2, calls: 2, reasks: 0, disagreements: 0 });
  });

  it("re-asks once after an answer that is not exactly 1 or 2, showing the model its answer", async () => {
    const { server, judge } = await setup((a, b, r) => (r.body.messages.length === 2 ? "I think Response 2 is better." : hotter(a, b)));
    expect(await judge.compare({ first: candidate(0, "spice 1"), second: candidate(1, "spice 5") })).toBe(1);
    expect(judge.stats().reasks).toBe(1);
    expect(server.requests[1]!.body.messages.slice(2)).toEqual([
      { role: "assistant", content: "I think Response 2 is better." },
      { role: "user", content: "Answer with exactly one character, 1 or 2, and nothing else." },
    ]);
  });

  it("raises bad_answer with the raw text after a failed re-ask, or at once without re-asks", async () => {
    const { judge } = await setup(() => "Both are great!");
    const e = (await judge.compare({ first: candidate(0, "a"), second: candidate(1, "b") }).catch((x: unknown) => x)) as ProviderError;
    expect(e).toBeInstanceOf(ProviderError);
    expect(e.reason).toBe("bad_answer");
    expect(e.content).toBe("Both are great!");
    expect(e.message).toBe(
      'Persona judge "chili fan" did not answer 1 or 2: expected exactly "1" or "2" (or {"choice": 1|2}), got "Both are great!".',
    );
    expect(judge.stats().calls).toBe(2);
    const strict = await setup(() => "1.", { reask: false });
    await expect(strict.judge.compare({ first: candidate(0, "a"), second: candidate(1, "b") })).rejects.toThrow(/did not answer 1 or 2/);
    expect(strict.server.requests).toHaveLength(1);
  });

  it("asks both orders when told to, and counts position-biased disagreements", async () => {
    const biased = await setup(() => "1", { bothOrders: true });
    const v = await biased.judge.judge({ first: candidate(2, "spice 1"), second: candidate(3, "spice 9") });
    expect(v).toEqual({ winner: 2, picks: [2, 3], agreed: false });
    expect(biased.judge.stats()).toMatchObject({ comparisons: 1, calls: 2, disagreements: 1 });
    const fair = await setup(hotter, { bothOrders: true });
    expect(await fair.judge.judge({ first: candidate(2, "spice 1"), second: candidate(3, "spice 9") })).toEqual({
      winner: 3,
      picks: [3, 3],
      agreed: true,
    });
  });

  it("rejects a candidate without text and a pair of one candidate, before asking", async () => {
    const { server, judge } = await setup(hotter);
    const e = await judge.compare({ first: candidate(0), second: candidate(1, "b") }).catch((x: unknown) => x);
    expect(isUserAlignError(e, "invalid_input")).toBe(true);
    expect((e as Error).message).toBe("Candidate 0 has no text; a persona judge reads the responses' text.");
    await expect(judge.compare({ first: candidate(1, "b"), second: candidate(1, "b") })).rejects.toThrow(/two different candidates/);
    expect(server.requests).toHaveLength(0);
  });

  it("drives a UserAlign session as its user and ends on the persona's favourite", async () => {
    const { judge } = await setup(hotter);
    // Feature axis 0 is the spice level, so a consistent judge of spice is a consistent user with θ* ∝ e₀.
    const levels = [3, 7, 1, 9, 5, 2];
    const texts = levels.map((l, j) => `Dish ${j} with spice ${l}`);
    const features = levels.map((l, j) => [l / 20, ((j % 3) - 1) / 10]);
    const session = createSession({ features, seed: 1 });
    let view = session.next();
    while (view.status === "question") {
      const [a, b] = view.pair;
      const winner = await judge.compare({
        question: "Dinner?",
        first: { index: a, text: texts[a]!, features: features[a]! },
        second: { index: b, text: texts[b]!, features: features[b]! },
      });
      view = session.answer(winner);
    }
    expect(view.choice).toBe(3);
    expect(judge.stats().comparisons).toBe(session.questions);
  });
});
