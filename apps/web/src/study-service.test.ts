import { isUserAlignError } from "@useralign/core";
import { describe, expect, it } from "vitest";
import { tinyPool } from "../test/tiny-pool.js";
import { participantCode } from "./completion.js";
import { resolveStudy } from "./load-study.js";
import { createSqliteStore } from "./store/sqlite-store.js";
import { StudyService } from "./study-service.js";

const pool = tinyPool();

async function service(extra: Record<string, unknown>) {
  const study = await resolveStudy(
    { format: "useralign-study", version: 1, title: "T", intro: "I", conditions: ["own"], domains: [{ name: "d", budget: 2, evaluationSteps: [1, 2], pools: [{ pool }] }], ...extra },
    "/",
    { readFile: async () => "" },
  );
  let n = 0;
  return new StudyService({ study, store: createSqliteStore({ path: ":memory:" }), newId: () => `participant-${n++}`, now: () => new Date(0) });
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
      view = (await s.answer(view.participantId, { answerId: `answer-${n++}`, stage: view.stage, step: view.progress!.step, choice: "a" })).view;
    }
    expect(n).toBeGreaterThanOrEqual(3);
    // The participant's own code: an HMAC of the id under the service's secret.
    expect(view.completionCode).toBe(participantCode(s.secret, "participant-0"));
    expect(view.completionCode).toMatch(/^[A-Z2-7]{16}$/);
  });
});
