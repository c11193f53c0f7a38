import { createSessionController, type SessionController, type SessionControllerOptions, type SessionState } from "@useralign/element";
import type { QuestionView, ResultView } from "@useralign/core";
import { useEffect, useState, useSyncExternalStore } from "react";

/** What {@link useUserAlignSession} returns: the state to render and the two actions. */
export interface UseUserAlignSession {
  /** `loading` until the saved session (or a new one) is ready, then `question` or `done`. */
  status: SessionState["status"];
  /** The pending pair (indices into the pool) while `status` is `question`. */
  pair: QuestionView["pair"] | null;
  /** Progress: questions answered so far and the current bound B(t) (null for methods without one). */
  progress: { questions: number; bound: number | null };
  /** The result once `status` is `done`. */
  result: ResultView | null;
  /** The last error (a wrong answer, a failed save, an unreadable snapshot), or null. */
  error: Error | null;
  /** Records the person's choice: one index of `pair`. */
  answer(choice: number): Promise<void>;
  /** Forgets the saved snapshot and starts over. */
  reset(): Promise<void>;
}

function view(state: SessionState, controller: SessionController): UseUserAlignSession {
  const questions = state.status === "question" ? state.view.question - 1 : state.status === "done" ? state.view.questions : 0;
  const bound = state.status === "loading" ? null : state.view.bound;
  return {
    status: state.status,
    pair: state.status === "question" ? state.view.pair : null,
    progress: { questions, bound },
    result: state.status === "done" ? state.view : null,
    error: state.error,
    answer: controller.answer,
    reset: controller.reset,
  };
}

/**
 * Drives a `@useralign/core` session from a React component: restores it from `storage` under
 * `storageKey` (or starts one), saves its snapshot after every answer, and re-renders with the
 * pending pair, progress and result. A new `storageKey` starts (or restores) another session; the
 * other options are read when the key changes. No algorithm here: the core decides everything.
 */
export function useUserAlignSession(options: SessionControllerOptions): UseUserAlignSession {
  const [controller, setController] = useState(() => createSessionController(options));
  const [key, setKey] = useState(options.storageKey);
  if (key !== options.storageKey) {
    // React's "adjust state while rendering": a new key gets its own controller in this render.
    setKey(options.storageKey);
    setController(createSessionController(options));
  }
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState);
  const [, rerender] = useState(0);
  useEffect(() => {
    // The controller may have loaded before the subscription existed.
    void controller.ready.then(() => rerender((n) => n + 1));
  }, [controller]);
  return view(state, controller);
}
