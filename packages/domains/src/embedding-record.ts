import * as z from "zod";

/**
 * How a file's features were computed from its texts, so they can be checked and rebuilt: the
 * embedding provider and model (with its settings, as the provider names itself), the scaling
 * applied, the norm S of the persona θ* derived from persona descriptions, and the command that
 * wrote the file.
 */
export const embeddingRecordSchema = z
  .object({
    provider: z.string().trim().min(1, "must be a non-empty string"),
    model: z.string().trim().min(1, "must be a non-empty string"),
    scale: z.enum(["unit", "center"]),
    /** ‖θ*‖ of personas whose θ* is S · (their description's unit embedding). */
    thetaNorm: z.number().positive().optional(),
    /**
     * The provider's options, enough to build the same embedder again (e.g. for an embedding
     * judge): for `word-vectors` `vectors` (package or file), `weighting`, `removeComponents`,
     * `maxWords`; for `hashing` `dimension`, `seed`. `fit: "candidates"` means fitted weights
     * (IDF, common components) were fitted on all candidate texts of the file.
     */
    settings: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    command: z.string().optional(),
  })
  .strict();

/** A parsed {@link embeddingRecordSchema}. */
export type EmbeddingRecord = z.infer<typeof embeddingRecordSchema>;
