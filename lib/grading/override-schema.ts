// The score override's input, shared by the grader's form and POST /api/attempts/:id/override.
import { z } from 'zod'

/** A comment has to say why; a word or two is not a reason. */
export const OVERRIDE_COMMENT_MIN = 10
export const OVERRIDE_COMMENT_MAX = 2000
/** Scores are whole points; no lab is worth more than this (12 tasks x 100 points). */
export const OVERRIDE_SCORE_MAX = 1200

/** Shared by the form and the route; the upper bound that matters (the attempt's maxScore) is checked against the row. */
export const overrideSchema = z.strictObject({
  score: z.number().int('The score is a whole number.').min(0, 'The score cannot be negative.').max(OVERRIDE_SCORE_MAX),
  comment: z.string().trim()
    .min(OVERRIDE_COMMENT_MIN, `Say why in at least ${OVERRIDE_COMMENT_MIN} characters.`)
    .max(OVERRIDE_COMMENT_MAX, `Keep the comment under ${OVERRIDE_COMMENT_MAX} characters.`),
})
export type OverrideInput = z.infer<typeof overrideSchema>
