import { createSession } from "@useralign/core";
import { describe, expect, it } from "vitest";
import type { AnswerRecord, ParticipantRecord, ParticipantState } from "../src/store/records.js";
import type { StudyStore } from "../src/store/store.js";

/** Opens a store on the same database each call (to check data survives a reopen). */
export type StoreFactory = () => Promise<StudyStore>;

const features = [
  [0.1, 0],
  [-0.1, 0.2],
  [0, -0.2],
];

function state(stage: ParticipantState["stage"] = "compare", evaluated = 0): ParticipantState {
  return { stage, session: createSession({ features, seed: 3 }).toJSON({ features: false }), matchups: null, evaluated };
}

let counter = 0;
function participant(overrides: Partial<ParticipantRecord["assignment"]> = {}): ParticipantRecord {
  counter++;
  return {
    id: `p-${Date.now().toString(36)}-${counter}`,
    createdAt: new Date(1_700_000_000_000 + counter).toISOString(),
    assignment: { domain: 0, pool: 0, method: "useralign", condition: "own", persona: null, seed: counter, randomCandidate: 1, ...overrides },
    state: state("question"),
    version: 1,
  };
}

function answer(p: ParticipantRecord, step: number, id = `${p.id}-a${step}`): AnswerRecord {
  return { id, participantId: p.id, stage: "compare", step, createdAt: "2026-01-02T03:04:05.000Z", payload: { stage: "compare", shown: ["x", "y"], winner: "x", loser: "y" } };
}

/**
 * The storage contract every {@link StudyStore} meets. Each backend's test file calls this with
 * a factory; the tests share one database, so they only look at rows they created.
 */
export function describeStudyStore(name: string, open: StoreFactory): void {
  describe(`${name} store`, () => {
    it("creates the schema idempotently and round-trips a participant", async () => {
      const store = await open();
      await store.migrate();
      await store.migrate();
      const p = participant({ persona: 2, condition: "persona" });
      await store.createParticipant(p);
      expect(await store.getParticipant(p.id)).toEqual(p);
      expect(await store.getParticipant("missing")).toBeNull();
      await store.close();
    });

    it("stores an answer and the state change together, once", async () => {
      const store = await open();
      const p = participant();
      await store.createParticipant(p);
      const next = state("compare", 0);
      expect(await store.recordAnswer(answer(p, 1), next, 1)).toBe("stored");
      expect((await store.getParticipant(p.id))!.version).toBe(2);
      expect((await store.getParticipant(p.id))!.state).toEqual(next);
      expect(await store.getAnswer(`${p.id}-a1`)).toEqual(answer(p, 1));
      // Same id again: nothing changes.
      expect(await store.recordAnswer(answer(p, 1), state("done"), 2)).toBe("duplicate-id");
      // Another id for the same step: refused.
      expect(await store.recordAnswer(answer(p, 1, `${p.id}-other`), state("done"), 2)).toBe("step-taken");
      // A writer that read version 1: refused, and its answer is not stored.
      expect(await store.recordAnswer(answer(p, 2), state("done"), 1)).toBe("stale");
      expect(await store.getAnswer(`${p.id}-a2`)).toBeNull();
      const after = (await store.getParticipant(p.id))!;
      expect(after.version).toBe(2);
      expect(after.state.stage).toBe("compare");
      expect((await store.listAnswers()).filter((a) => a.participantId === p.id).map((a) => a.id)).toEqual([`${p.id}-a1`]);
      await store.close();
    });

    it("lets exactly one of several concurrent writers of one participant win", async () => {
      const store = await open();
      const p = participant();
      await store.createParticipant(p);
      const outcomes = await Promise.all(Array.from({ length: 8 }, (_, k) => store.recordAnswer(answer(p, 1, `${p.id}-racer${k}`), state("compare"), 1)));
      expect(outcomes.filter((o) => o === "stored")).toHaveLength(1);
      expect(outcomes.every((o) => o === "stored" || o === "stale" || o === "step-taken")).toBe(true);
      expect((await store.listAnswers()).filter((a) => a.participantId === p.id)).toHaveLength(1);
      expect((await store.getParticipant(p.id))!.version).toBe(2);
      await store.close();
    });

    it("updates state with a version check", async () => {
      const store = await open();
      const p = participant();
      await store.createParticipant(p);
      expect(await store.updateState(p.id, state("compare"), 1)).toBe(true);
      expect(await store.updateState(p.id, state("done"), 1)).toBe(false);
      expect((await store.getParticipant(p.id))!.state.stage).toBe("compare");
      await store.close();
    });

    it("counts participants per cell and keeps everything across a reopen", async () => {
      let store = await open();
      const domain = 1000 + (counter % 1000);
      const ps = [participant({ domain }), participant({ domain }), participant({ domain, method: "iidbest" })];
      for (const p of ps) await store.createParticipant(p);
      await store.recordAnswer(answer(ps[0]!, 1), state(), 1);
      await store.close();
      store = await open();
      const counts = await store.countCells();
      expect(counts.get(`${domain}/0/useralign/own`)).toBe(2);
      expect(counts.get(`${domain}/0/iidbest/own`)).toBe(1);
      const listed = (await store.listParticipants()).filter((p) => p.assignment.domain === domain);
      expect(listed.map((p) => p.id)).toEqual(ps.map((p) => p.id));
      expect((await store.listAnswers()).some((a) => a.id === `${ps[0]!.id}-a1`)).toBe(true);
      await store.close();
    });
  });
}
