import type { Method } from "@useralign/core";

/**
 * How simulated users answer: BTL (stochastic), consistent (noise-free), or the embedding judge
 * (noise-free, from the texts: cosine to the persona description; needs a dataset embedded from text).
 */
export type UserModel = "btl" | "consistent" | "embedding";

/**
 * What a task runs: one method's whole ε grid or budget grid on one trajectory (`useralign`,
 * `useralign-loss`, `iidbest`), a reference method (`random`, `oracle`), a fixed-budget
 * win-rate-per-step curve (`steps:…`), or the Fig. 2 geometry trace (`trace`, 2-D only).
 */
export type TaskFamily =
  | "useralign"
  | "useralign-loss"
  | "iidbest"
  | "random"
  | "oracle"
  | "steps:useralign"
  | "steps:useralign-loss"
  | "steps:iidbest"
  | "trace";

/** One unit of work: a (domain, question, persona, user model, seed) trajectory and a family. */
export interface Task {
  readonly domain: string;
  /** Index of the question in the domain. */
  readonly question: number;
  /** Index of the persona (θ*) in the domain. */
  readonly persona: number;
  readonly user: UserModel;
  /** The run's seed (one of `seeds`), not the derived session seed. */
  readonly seed: number;
  readonly family: TaskFamily;
}

/** The stable identity of a task in the results file. */
export function taskKey(t: Task): string {
  return `${t.domain}|${t.question}|${t.persona}|${t.user}|${t.seed}|${t.family}`;
}

/** One finished session. */
export interface SessionRecord {
  readonly kind: "session";
  readonly task: string;
  readonly domain: string;
  readonly question: number;
  readonly persona: number;
  readonly user: UserModel;
  readonly seed: number;
  readonly method: Method;
  /** `table`: the ε/budget grid with stopping; `steps`: fixed-budget mode (SPEC footnote 3). */
  readonly mode: "table" | "steps";
  /** ε for UserAlign and UserAlign-loss in table mode. */
  readonly epsilon?: number;
  /** T for IIDBEST, and the step count in `steps` mode. */
  readonly budget?: number;
  readonly choice: number;
  /** Questions the user answered: the interaction cost (method.md "Metrics"). */
  readonly questions: number;
  /** Steps: questions plus earlier answers added again instead of asking a pair twice (method.md step 7). */
  readonly steps: number;
  /** The session's finish reason: `bound`, `step-cap`, `budget`, `exhausted` or `immediate`. */
  readonly reason: string;
  /** P_u[choice ≻ baseline] (method.md "Metrics"). */
  readonly winRate: number;
  /** Whether the choice is ORACLE's. */
  readonly oracle: boolean;
}

/** Per-step geometry of one synthetic2d run (paper Fig. 2). Arrays are indexed by step t = 0..T. */
export interface TraceRecord {
  readonly kind: "trace";
  readonly task: string;
  readonly domain: string;
  readonly question: number;
  readonly persona: number;
  readonly user: UserModel;
  readonly seed: number;
  /** Area of Θ_loss along UserAlign-loss's own questions, as a fraction of the disk ‖θ‖ ≤ S. */
  readonly areaLoss: number[];
  /** Area of Θ_loss ∩ H along UserAlign's questions, same normalisation. */
  readonly areaPractical: number[];
  /** Candidates that are the best for some θ in the set. */
  readonly viableLoss: number[];
  readonly viablePractical: number[];
  /** B(t) of each method at step t. */
  readonly boundLoss: number[];
  readonly boundPractical: number[];
}

export type ResultRecord = SessionRecord | TraceRecord;

/** Methods as the session API names them, per family. */
export function familyMethod(family: TaskFamily): Method | null {
  if (family === "trace") return null;
  return family.startsWith("steps:") ? (family.slice(6) as Method) : (family as Method);
}
