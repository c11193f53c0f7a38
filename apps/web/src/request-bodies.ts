import * as z from "zod";
import { StudyError } from "./errors.js";

/**
 * Answer ids are client-made tokens: letters, digits, `_` and `-` only, so nothing a spreadsheet
 * would run as a formula (`=HYPERLINK(…)`) ever reaches an export.
 */
const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, "must be 8–100 letters, digits, _ or -");

/** The body of `POST /api/participants/:id/answers`. */
export const answerBodySchema = z
  .object({
    /** Client-generated, one per screen: a replayed request with the same id is recorded once. */
    answerId: tokenSchema,
    stage: z.enum(["compare", "evaluate"]),
    /** The step the participant saw ("step k of K"). */
    step: z.number().int().min(1),
    /** The option chosen: `a` (left/top) or `b`. */
    choice: z.enum(["a", "b"]),
    /** Milliseconds from the screen appearing to Confirm, measured in the browser. */
    responseMs: z.number().int().min(0).max(86_400_000).optional(),
  })
  .strict();
/** A parsed answer request. */
export type AnswerBody = z.infer<typeof answerBodySchema>;

/** The body of `POST /api/participants`: the URL parameters the page was opened with. */
export const joinBodySchema = z
  .object({
    /** Every URL parameter; only the study's allow-list is kept. */
    params: z.record(z.string().max(100), z.string().max(200)).default({}),
  })
  .strict();

/** The body of `POST /api/participants/:id/consent`. */
export const consentBodySchema = z.object({ accept: z.literal(true, { error: "consent must be accepted (accept: true)" }) }).strict();

/** Parses a request body with `schema`, or throws `bad_request` naming every bad field. */
export function parseBody<T extends z.ZodType>(schema: T, input: unknown, what: string): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), message: i.message }));
  throw new StudyError(
    "bad_request",
    `Invalid ${what}: ${issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
    issues,
  );
}
