import { z } from "zod";

export const SURVEY_COMMENT_MAX = 2000;

/**
 * The rating form (email link page and portal): a score 1-5 and an optional comment. The
 * form posts the whole answer, so an empty comment removes the one given before.
 */
export const surveyFormSchema = z.object({
  score: z.coerce.number({ error: "surveys.errors.score" }).int("surveys.errors.score").min(1, "surveys.errors.score").max(5, "surveys.errors.score"),
  comment: z.string({ error: "validation.invalid" }).trim().max(SURVEY_COMMENT_MAX, "validation.too_long").optional().transform((v) => v || null),
});
export type SurveyInput = z.infer<typeof surveyFormSchema>;

/** The score a link carries (?score=N): anything else pre-selects nothing and is never an answer. */
export const linkScoreSchema = z.object({ score: z.coerce.number().int().min(1).max(5).optional().catch(undefined) });

/**
 * ?reach_out= on the desk's ticket page: the "Reach out" sentence in the public reply. "1"
 * on the rated ticket; on a follow-up ticket, the rated one's number (the sentence names it).
 */
export const reachOutSchema = z.object({
  reach_out: z.union([z.literal("1"), z.string().regex(/^(INC|REQ)-\d{6,12}$/)]).optional().catch(undefined),
});
