import * as z from "zod";
import type { ConicProblem } from "../problem.js";
import type { IpmSettings } from "../settings.js";
import { ConicInputError, type ConicInputIssue } from "./errors.js";

// Structure only: numbers, arrays and keys. The meaning (finite values, shapes, index ranges, cone
// types and dimensions, PSD) is checked by `checkProblem` and `resolveSettings`, which give each
// failure its own code; zod here only rejects what is not even the right shape of JSON.
const numberArray = z.array(z.number());
const triplets = z.object({ rows: numberArray, cols: numberArray, vals: numberArray, shape: z.tuple([z.number(), z.number()]) }).strict();

/** The `settings` object of the wire format: any subset of {@link IpmSettings}, by the same names. */
export const wireSettingsSchema = z
  .object({
    maxIter: z.number(),
    timeLimit: z.number(),
    tolGapAbs: z.number(),
    tolGapRel: z.number(),
    tolFeas: z.number(),
    tolInfeasAbs: z.number(),
    tolInfeasRel: z.number(),
    reducedTolerance: z.number(),
    maxStepFraction: z.number(),
    equilibrate: z.boolean(),
    equilibrateIterations: z.number(),
    equilibrateMinScaling: z.number(),
    equilibrateMaxScaling: z.number(),
    staticRegularization: z.number(),
    dynamicEpsilon: z.number(),
    dynamicDelta: z.number(),
    refinementSteps: z.number(),
    refinementTolerance: z.number(),
    kernels: z.string(),
    socExpansionThreshold: z.number(),
  })
  .partial()
  .strict();

/** The wire format of one problem (`useralign solve --json` reads this from stdin; SPEC.md). */
export const wireProblemSchema = z
  .object({
    P: triplets.nullable().optional(),
    q: numberArray,
    A: triplets,
    b: numberArray,
    cones: z.array(z.object({ type: z.string(), dim: z.number() }).strict()),
    settings: wireSettingsSchema.optional(),
  })
  .strict();

/** A parsed request: the problem and the settings it carried. */
export interface WireRequest {
  readonly problem: ConicProblem;
  readonly settings: Partial<IpmSettings>;
}

/**
 * Reads a decoded JSON value in the wire format. Throws `ConicInputError` (`invalid_format`, with
 * zod's paths) when the structure is wrong; the content is checked later by the solver.
 */
export function parseWireProblem(value: unknown): WireRequest {
  const parsed = wireProblemSchema.safeParse(value);
  if (!parsed.success) {
    const issues: ConicInputIssue[] = parsed.error.issues.map((i) => ({
      code: "invalid_format",
      path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)),
      message: i.message,
    }));
    throw new ConicInputError(issues as [ConicInputIssue, ...ConicInputIssue[]]);
  }
  const { settings, P, ...rest } = parsed.data;
  const problem = (P ? { ...rest, P } : rest) as unknown as ConicProblem;
  return { problem, settings: (settings ?? {}) as Partial<IpmSettings> };
}
