import { isUserAlignError } from "@useralign/core";
import { describe, expect, it } from "vitest";
import { tinyPool } from "../test/tiny-pool.js";
import { participantCode } from "./completion.js";
import { resolveStudy } from "./load-study.js";
import { createSqliteStore } from "./store/sqlite-store.js";
import { StudyService } from "./study-service.js";

const pool = tinyPool();

async function service(
  extra: Record<string, unknown>,
  options: { store?: ReturnType<typeof createSqliteStore>; sessionCacheSize?: number } = {},
) {
  const study = await resolveStudy(
    {
      format: "useralign-study",
      version: 1,
      title: "T",
      intro: "I",
      conditions: ["own"],
      domains: [{ name: "d", budget: 2, evaluationSteps: [1, 2], pools: [{ pool }] }],
      ...extra,
    },
    "/",
    { readFile: async () => "" },
  );
  let n = 0;
  return new StudyService({
    study,
    store: options.store ?? createSqliteStore({ path: ":memory:" }),
    newId: () => `participant-${n++}`,
    now: () => new Date(0),
    secret: "s",
    ...(options.sessionCacheSize === undefined ? {} : { sessionCacheSize: options.sessionCacheSize }),
  });
}

describe("StudyService", () => {
  it("stops assigning at maxParticipants with a friendly message", async () => {
    const s = await service({ maxParticipants: 2 });
    await s.createParticipant();
    await s.createParticipant();
    const error = await s.createParticipant().catch((e: unknown) => e);
    expect(isUserAlignError(error, "session_finished")).toBe(true);
    expect((error as Error).message).toBe("This study has all the participants it needs. Thank you for your interest!");
    // Those already in can carry on.
    expect((await s.start("participant-0")).stage).toBe("compare");
  });

  it("takes a participant from stage 1 to done with injected ids and clock", async () => {
    const s = await service({});
    let view = await s.start((await s.createParticipant()).participantId);
    expect(view.participantId).toBe("participant-0");
    let n = 0;
    while (view.stage !== "done") {
      view = (await s.answer(view.participantId, { answerId: `answer-${n++}`, stage: view.stage, step: view.progress!.step, choice: "a" }))
        .view;
    }
    expect(n).toBeGreaterThanOrEqual(3);
    // The participant's own code: an HMAC of the id under the service's secret.
    expect(view.completionCode).toBe(participantCode(s.secret, "participant-0"));
    expect(view.completionCode).toMatch(/^[A-Z2-7]{16}$/);
  });

  it("stores the same states and serves the same screens with the session cache as with a restore per request, also when another process writes in between", async () => {
    const big = {
      pools: [
        {
          pool: tinyPool({
            candidates: Array.from({ length: 6 }, (_, k) => ({
              id: `c${k}`,
              text: `C${k}`,
              features: [0.3 * Math.cos(k), 0.3 * Math.sin(k)],
            })),
          }),
        },
      ],
      budget: 6,
      evaluationSteps: [3, 6],
    };
    const run = async (processes: StudyService[]) => {
      const store = (processes[0] as unknown as { store: ReturnType<typeof createSqliteStore> }).store;
      const joined = await processes[0]!.createParticipant();
      if (joined.stage === "consent") await processes[0]!.consent(joined.participantId);
      let view = await processes[0]!.start(joined.participantId);
      // Every screen served, also for double submits and reloads (which read the cached session too).
      const screens = [view];
      for (let k = 0; view.stage !== "done"; k++) {
        const by = processes[k % processes.length]!;
        const body = { answerId: `answer-${k}-xx`, stage: view.stage, step: view.progress!.step, choice: k % 3 ? "a" : "b" };
        view = (await by.answer(view.participantId, body)).view;
        screens.push(view);
        if (k % 2) screens.push((await processes[(k + 1) % processes.length]!.answer(view.participantId, body)).view);
        screens.push(await by.view(view.participantId));
      }
      return { participants: await store.listParticipants(), answers: await store.listAnswers(), screens };
    };
    const domains = (extra: object) => ({ domains: [{ name: "d", ...big, ...extra }] });
    const uncached = await run([await service(domains({}), { sessionCacheSize: 0 })]);
    const cached = await run([await service(domains({}))]);
    expect(cached).toEqual(uncached);
    // Two services on one store, taking turns: each one's cached session goes stale and is restored.
    const shared = createSqliteStore({ path: ":memory:" });
    const a = await service(domains({}), { store: shared });
    const b = await service(domains({}), { store: shared });
    expect(await run([a, b])).toEqual(uncached);
    // With a consent screen first (the session created at joining is carried over consent to the start).
    const consent = { ...domains({}), consent: "Do you agree?" };
    expect(await run([await service(consent)])).toEqual(await run([await service(consent, { sessionCacheSize: 0 })]));
  });
});
