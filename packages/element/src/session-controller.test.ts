import { isUserAlignError } from "@useralign/core";
import { describe, expect, it } from "vitest";
import { createSessionController, type SessionController } from "./session-controller.js";
import type { SnapshotStorage } from "./snapshot-storage.js";

const features = [
  [0.5, 0],
  [0, 0.5],
  [-0.3, 0.4],
  [0.35, 0.35],
  [0.1, -0.4],
];
// A person who prefers the second axis.
const pick = (pair: readonly [number, number]) => (features[pair[0]]![1]! >= features[pair[1]]![1]! ? pair[0] : pair[1]);

function memoryStorage(): SnapshotStorage & { data: Map<string, string>; saves: number } {
  const data = new Map<string, string>();
  const store = {
    data,
    saves: 0,
    load: (key: string) => (data.has(key) ? (JSON.parse(data.get(key)!) as unknown) : null),
    save: (key: string, snapshot: unknown) => {
      store.saves++;
      data.set(key, JSON.stringify(snapshot));
    },
    remove: (key: string) => void data.delete(key),
  };
  return store;
}

async function finish(controller: SessionController): Promise<{ choice: number; questions: number; pairs: string[] }> {
  const pairs: string[] = [];
  for (let state = controller.getState(); state.status === "question"; state = controller.getState()) {
    pairs.push(state.view.pair.join(","));
    await controller.answer(pick(state.view.pair));
  }
  const state = controller.getState();
  if (state.status !== "done") throw new Error(`ended in ${state.status}`);
  return { choice: state.view.choice, questions: state.view.questions, pairs };
}

describe("createSessionController", () => {
  it("resumes from the saved snapshot exactly where it was, and ends where an uninterrupted session ends", async () => {
    const straight = createSessionController({ features, storageKey: "k", session: { seed: 3 } });
    await straight.ready;
    const expected = await finish(straight);
    expect(expected.questions).toBeGreaterThan(1);

    const storage = memoryStorage();
    const first = createSessionController({ features, storageKey: "k", storage, session: { seed: 3 } });
    await first.ready;
    const s1 = first.getState();
    if (s1.status !== "question") throw new Error("expected a question");
    await first.answer(pick(s1.view.pair));
    expect(storage.saves).toBe(1);
    expect(JSON.parse(storage.data.get("k")!)).not.toHaveProperty("features.0"); // the pool stays out of the snapshot
    const pending = first.getState();

    // A reload: a new controller on the same storage.
    const second = createSessionController({ features, storageKey: "k", storage, session: { seed: 3 } });
    await second.ready;
    expect(second.getState()).toEqual(pending);
    const rest = await finish(second);
    expect({ choice: rest.choice, questions: rest.questions, pairs: [expected.pairs[0]!, ...rest.pairs] }).toEqual(expected);
  });

  it("a wrong index is an error with its code; the question and the saved snapshot are unchanged", async () => {
    const storage = memoryStorage();
    const controller = createSessionController({ features, storageKey: "k", storage });
    await controller.ready;
    const before = controller.getState();
    let notified = 0;
    controller.subscribe(() => notified++);
    await controller.answer(99);
    const after = controller.getState();
    expect(after.status).toBe("question");
    expect(after.status === "question" && before.status === "question" && after.view).toEqual(before.status === "question" && before.view);
    expect(isUserAlignError(after.error) && after.error.code).toBe("answer_mismatch");
    expect(storage.saves).toBe(0);
    expect(notified).toBe(1);
  });

  it("a snapshot it cannot read starts a new session and says why", async () => {
    const storage = memoryStorage();
    storage.data.set("k", JSON.stringify({ format: "something-else" }));
    const controller = createSessionController({ features, storageKey: "k", storage });
    await controller.ready;
    expect(controller.getState().status).toBe("question");
    expect(controller.getState().error?.message).toMatch(/snapshot/);
  });

  it("a failed save keeps the session going and reports the error", async () => {
    const storage = memoryStorage();
    storage.save = () => {
      throw new Error("quota exceeded");
    };
    const controller = createSessionController({ features, storageKey: "k", storage });
    await controller.ready;
    const s = controller.getState();
    if (s.status !== "question") throw new Error("expected a question");
    await controller.answer(s.view.pair[0]);
    expect(controller.getState().error?.message).toBe("quota exceeded");
    expect(controller.getState().status === "question" ? controller.getState() : null).not.toBeNull();
  });

  it("answers given in a burst apply in order (a double click cannot save an older snapshot last)", async () => {
    const storage = memoryStorage();
    const controller = createSessionController({ features, storageKey: "k", storage, session: { seed: 1 } });
    await controller.ready;
    const s = controller.getState();
    if (s.status !== "question") throw new Error("expected a question");
    await Promise.all([controller.answer(s.view.pair[0]), controller.answer(s.view.pair[0])]);
    // The last save is the latest state: a reload lands exactly where the page is.
    const reloaded = createSessionController({ features, storageKey: "k", storage, session: { seed: 1 } });
    await reloaded.ready;
    const now = controller.getState();
    expect(reloaded.getState().status === "question" && reloaded.getState()).toEqual(now.status === "question" && { ...now, error: null });
  });

  it("reset forgets the snapshot and starts over", async () => {
    const storage = memoryStorage();
    const controller = createSessionController({ features, storageKey: "k", storage, session: { seed: 2 } });
    await controller.ready;
    const first = controller.getState();
    if (first.status !== "question") throw new Error("expected a question");
    await controller.answer(pick(first.view.pair));
    await controller.reset();
    expect(storage.data.has("k")).toBe(false);
    expect(controller.getState()).toEqual(first);
  });
});
