import type { ConfidenceSetBackend } from "../backend.js";
import type { FeatureRows } from "../features.js";
import type { SolverRegistry } from "../registry.js";
import type { sessionSettingsSchema } from "../schemas.js";
import type { z } from "zod";
import type { FinishReason } from "./session-state.js";

/** Options of {@link createSession}. */
export interface SessionOptions extends z.input<typeof sessionSettingsSchema> {
  /** The pool: one feature row per candidate, scaled so ‖φ(y) − φ(y')‖ ≤ 1 (see `scaleFeatures`). */
  features: FeatureRows;
  /**
   * Backend for the confidence-set problems: an instance, or a name looked up in `registry`.
   * @default the registry's highest-priority backend (`structured`)
   */
  backend?: string | ConfidenceSetBackend;
  /** @deprecated The old name of `backend`, still accepted. */
  solver?: string | ConfidenceSetBackend;
  /** Where backend names are looked up. @default createSolverRegistry() */
  registry?: SolverRegistry;
  /** Clock for the step timings. @default performance.now */
  now?: () => number;
}

/** Options of {@link restoreSession}. */
export interface RestoreOptions {
  /** The pool, required when the snapshot was saved with `features: false`. */
  features?: FeatureRows;
  /** Overrides the backend named in the snapshot. */
  backend?: string | ConfidenceSetBackend;
  /** @deprecated The old name of `backend`, still accepted. */
  solver?: string | ConfidenceSetBackend;
  registry?: SolverRegistry;
  now?: () => number;
}

/** The pending question: which two candidates to show. */
export interface QuestionView {
  readonly status: "question";
  /** 1-based number of this question. */
  readonly question: number;
  /** [y⁽¹⁾, y⁽²⁾]: indices into the pool. */
  readonly pair: readonly [number, number];
  /** B(t) at this step (null for methods without one). */
  readonly bound: number | null;
  /** True when y⁽²⁾ was drawn at random (fixed-budget mode with no viable candidate, or IIDBEST). */
  readonly random: boolean;
}

/** The final answer. */
export interface ResultView {
  readonly status: "done";
  /** Index of the returned candidate. */
  readonly choice: number;
  /** B(t) when the session stopped on the bound, else null. */
  readonly bound: number | null;
  /** Questions the person answered. */
  readonly questions: number;
  /** Steps taken: questions plus earlier answers added again (method.md step 7); capped by `maxSteps`. */
  readonly steps: number;
  readonly reason: FinishReason;
}

export type SessionView = QuestionView | ResultView;
