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
    assignment: {
      domain: 0,
      pool: 0,
      method: "useralign",
      condition: "own",
      persona: null,
      seed: counter,
      randomCandidate: 1,
      ...overrides,
    },
    state: state("question"),
    version: 1,
    studyVersion: "v1",
    externalId: null,
    params: {},
    updatedAt: new Date(1_700_000_000_000 + counter).toISOString(),
    finishedAt: null,
  };
}

function answer(p: ParticipantRecord, step: number, id = `${p.id}-a${step}`): AnswerRecord {
  return {
    id,
    participantId: p.id,
    stage: "compare",
    step,
    createdAt: "2026-01-02T03:04:05.000Z",
    payload: { stage: "compare", shown: ["x", "y"], winner: "x", loser: "y" },
    responseMs: 1234,
  };
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
      const outcomes = await Promise.all(
        Array.from({ length: 8 }, (_, k) => store.recordAnswer(answer(p, 1, `${p.id}-racer${k}`), state("compare"), 1)),
      );
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
      expect(await store.updateState(p.id, state("compare"), 1, "2026-02-01T00:00:00.000Z")).toBe(true);
      expect(await store.updateState(p.id, state("done"), 1, "2026-02-01T00:00:01.000Z")).toBe(false);
      const after = (await store.getParticipant(p.id))!;
      expect(after.state.stage).toBe("compare");
      expect(after.updatedAt).toBe("2026-02-01T00:00:00.000Z");
      expect(after.finishedAt).toBeNull();
      expect(await store.updateState(p.id, state("done"), 2, "2026-02-01T00:00:02.000Z")).toBe(true);
      expect((await store.getParticipant(p.id))!.finishedAt).toBe("2026-02-01T00:00:02.000Z");
      await store.close();
    });

    it("keeps one secret, the study versions in use, and answers a ping", async () => {
      const store = await open();
      await store.ping();
      const secret = await store.secret("first-candidate");
      expect(await store.secret("second-candidate")).toBe(secret);
      await store.saveStudyVersion("v1", '{"seed":1}');
      await store.saveStudyVersion("v1", '{"seed":2}');
      await store.createParticipant(participant());
      const v1 = (await store.studyVersionsInUse()).find((v) => v.hash === "v1")!;
      expect(v1.content).toBe('{"seed":1}');
      expect(v1.participants).toBeGreaterThanOrEqual(1);
      await store.close();
    });

    it("assigns inside a transaction: counts active participants, returns a known external id", async () => {
      const store = await open();
      const tag = `ext-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
      const decide =
        (overrides: Partial<ParticipantRecord["assignment"]>) =>
        (context: { counts: readonly { cell: string; persona: number | null; n: number }[]; total: number }) => {
          seen.push(context);
          return { ...participant(overrides), externalId: `prolific:${tag}`, updatedAt: "2999-01-01T00:00:00.000Z" };
        };
      const seen: { counts: readonly { cell: string; persona: number | null; n: number }[]; total: number }[] = [];
      const first = await store.assignParticipant(
        { externalId: `prolific:${tag}`, activeSince: "2999-01-01T00:00:00.000Z" },
        decide({ domain: 7, condition: "persona", persona: 1 }),
      );
      expect(first.created).toBe(true);
      const again = await store.assignParticipant({ externalId: `prolific:${tag}`, activeSince: "2999-01-01T00:00:00.000Z" }, decide({}));
      expect(again).toEqual({ record: first.record, created: false });
      expect(seen).toHaveLength(1);
      // Only participants active since the cutoff (or done) count: the one above, updated "in 2999".
      await store.assignParticipant({ externalId: null, activeSince: "2999-01-01T00:00:00.000Z" }, (context) => {
        expect(context.counts.filter((c) => c.cell.startsWith("7/"))).toEqual([{ cell: "7/0/useralign/persona", persona: 1, n: 1 }]);
        expect(context.total).toBeGreaterThanOrEqual(1);
        return participant({ domain: 8 });
      });
      // Whatever the decision throws aborts the transaction and reaches the caller.
      await expect(
        store.assignParticipant({ externalId: null, activeSince: "2000-01-01T00:00:00.000Z" }, () => {
          throw new Error("full");
        }),
      ).rejects.toThrow("full");
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
