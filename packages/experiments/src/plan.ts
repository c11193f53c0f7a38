import type { Dataset } from "@useralign/domains";
import { deriveSeed } from "./seed.js";
import type { RunSettings } from "./settings.js";
import type { Task, TaskFamily, UserModel } from "./task.js";

/** What to run: datasets × questions × personas × user models × seeds × families. */
export interface ExperimentPlan {
  /** The domains, by name. */
  readonly datasets: Readonly<Record<string, Dataset>>;
  /** User models to simulate. @default ["consistent"] */
  readonly users?: readonly UserModel[];
  /** Run seeds. @default [0] */
  readonly seeds?: readonly number[];
  /** Families to run. @default all of TABLE_FAMILIES, the per-step families when `settings.steps` > 0, and `trace` on 2-D domains */
  readonly families?: readonly TaskFamily[];
  readonly settings: RunSettings;
}

/** The methods of the paper's Tables 4/5. */
export const TABLE_FAMILIES: readonly TaskFamily[] = ["useralign", "useralign-loss", "iidbest", "random", "oracle"];
/** The fixed-budget curves of Fig. 3 (bottom). */
export const STEP_FAMILIES: readonly TaskFamily[] = ["steps:useralign", "steps:useralign-loss", "steps:iidbest"];

/** The families a plan runs (see {@link ExperimentPlan.families}). */
export function planFamilies(plan: ExperimentPlan): readonly TaskFamily[] {
  if (plan.families) return plan.families;
  return [
    ...TABLE_FAMILIES,
    ...(plan.settings.steps > 0 ? STEP_FAMILIES : []),
    ...(plan.settings.traceSteps > 0 ? (["trace"] as const) : []),
  ];
}

/** Every task of a plan, in a fixed order. Personas without θ* are skipped (LLM-only personas). */
export function planTasks(plan: ExperimentPlan): Task[] {
  const tasks: Task[] = [];
  const families = planFamilies(plan);
  for (const [domain, ds] of Object.entries(plan.datasets)) {
    for (let question = 0; question < ds.questions.length; question++) {
      for (let persona = 0; persona < ds.personas.length; persona++) {
        if (!ds.personas[persona]!.theta) continue;
        for (const user of plan.users ?? ["consistent"]) {
          for (const seed of plan.seeds ?? [0]) {
            for (const family of families) {
              if (family === "trace" && ds.dimension !== 2) continue;
              tasks.push({ domain, question, persona, user, seed, family });
            }
          }
        }
      }
    }
  }
  return tasks;
}

/** A hash of what decides the results (settings and datasets), for the results file header. */
export function planFingerprint(plan: ExperimentPlan): string {
  const datasets = Object.entries(plan.datasets).map(([name, ds]) => [name, deriveSeed([JSON.stringify(ds)])]);
  return deriveSeed([JSON.stringify(plan.settings), JSON.stringify(datasets)])
    .toString(16)
    .padStart(8, "0");
}
