// Assignment inputs: a module (or one of its labs) for a cohort, with an optional due date.
import { z } from 'zod'

export const MAX_SLUG_LENGTH = 80
/** Due dates further out than this are almost certainly typos. */
export const MAX_DUE_YEARS_AHEAD = 5
const SLUG = /^[a-z0-9][a-z0-9-]*$/

const slug = z.string().trim().max(MAX_SLUG_LENGTH).regex(SLUG, 'Slugs are lower-case letters, digits and dashes.')

/** An ISO 8601 date-time (with offset) or null for no due date; bounded to a sane range. */
export const dueAtInput = z
  .union([z.iso.datetime({ offset: true, message: 'Give the due date as an ISO 8601 date-time.' }), z.null()])
  .refine((v) => v === null || withinRange(new Date(v)), `The due date must be after 2000 and within ${MAX_DUE_YEARS_AHEAD} years.`)
  .transform((v) => (v === null ? null : new Date(v)))

function withinRange(d: Date): boolean {
  const max = new Date()
  max.setFullYear(max.getFullYear() + MAX_DUE_YEARS_AHEAD)
  return d.getTime() >= Date.UTC(2000, 0, 1) && d <= max
}

export const createAssignmentInput = z.strictObject({
  moduleSlug: slug,
  labSlug: slug.nullable().default(null),
  dueAt: dueAtInput.default(null),
})
export type CreateAssignmentInput = z.infer<typeof createAssignmentInput>

export const updateAssignmentInput = z.strictObject({ dueAt: dueAtInput })
export type UpdateAssignmentInput = z.infer<typeof updateAssignmentInput>
