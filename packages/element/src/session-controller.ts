import {
  createSession,
  restoreSession,
  type FeatureRows,
  type QuestionView,
  type ResultView,
  type SessionOptions,
  type UserAlignSession,
} from "@useralign/core";
import type { SnapshotStorage } from "./snapshot-storage.js";

/** What a UI shows: loading, the pending pair, or the result; plus the last error, if any. */
export type SessionState =
  | { readonly status: "loading"; readonly error: Error | null }
  | { readonly status: "question"; readonly view: QuestionView; readonly error: Error | null }
  | { readonly status: "done"; readonly view: ResultView; readonly error: Error | null };

/** Options of {@link createSessionController}. */
export interface SessionControllerOptions {
  /** The pool's feature rows (kept out of the saved snapshot; the page has them). */
  features: FeatureRows;
  /** The name the snapshot is saved under (one per person and pool). */
  storageKey: string;
  /** Where snapshots go; without one the session lives as long as the page. */
  storage?: SnapshotStorage;
  /** Session options besides the features (method, seed, epsilon, …) for a new session. */
  session?: Omit<SessionOptions, "features">;
}

/** A session with persistence, for UI bindings (the React hook, the custom element, any other). */
export interface SessionController {
  /** The current state; a new object after every change (so `===` detects changes). */
  getState(): SessionState;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Resolves once the saved session (or a new one) is loaded. */
  readonly ready: Promise<void>;
  /**
   * Records the person's choice (one index of the pending pair) and saves the snapshot. A wrong
   * index leaves the session as it was and sets `error` (a `UserAlignError` with its code).
   */
  answer(choice: number): Promise<void>;
  /** Forgets the saved snapshot and starts a new session. */
  reset(): Promise<void>;
}

/**
 * Drives one `@useralign/core` session for a UI: restores it from storage when a snapshot exists,
 * saves `toJSON()` after every answer, and publishes `next()` as state. No algorithm here: every
 * decision is the core's.
 */
export function createSessionController(options: SessionControllerOptions): SessionController {
  const listeners = new Set<() => void>();
  let state: SessionState = { status: "loading", error: null };
  let session: UserAlignSession | undefined;
  // Answers and resets run one at a time, in order: a double click cannot save an older snapshot last.
  let queue: Promise<void> = Promise.resolve();

  const publish = (error: Error | null) => {
    const view = session!.next();
    state = view.status === "question" ? { status: "question", view, error } : { status: "done", view, error };
    for (const listener of [...listeners]) listener();
  };
  const fail = (error: unknown) => {
    state = { ...state, error: error instanceof Error ? error : new Error(String(error)) };
    for (const listener of [...listeners]) listener();
  };
  const fresh = () => createSession({ ...options.session, features: options.features });
  const save = async () => options.storage?.save(options.storageKey, session!.toJSON({ features: false }));
  const serial = (task: () => Promise<void>) => (queue = queue.then(task, task));

  const ready = serial(async () => {
    try {
      const saved = await options.storage?.load(options.storageKey);
      session = saved == null ? fresh() : restoreSession(saved, { features: options.features });
      publish(null);
    } catch (error) {
      // An unreadable snapshot (another pool, an old format) starts over rather than locking the page.
      session = fresh();
      publish(error instanceof Error ? error : new Error(String(error)));
    }
  });

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready,
    answer: (choice) =>
      serial(async () => {
        if (session === undefined) return;
        try {
          session.answer(choice);
        } catch (error) {
          fail(error);
          return;
        }
        try {
          await save();
          publish(null);
        } catch (error) {
          publish(error instanceof Error ? error : new Error(String(error)));
        }
      }),
    reset: () =>
      serial(async () => {
        try {
          await options.storage?.remove(options.storageKey);
        } catch (error) {
          fail(error);
          return;
        }
        session = fresh();
        publish(null);
      }),
  };
}
