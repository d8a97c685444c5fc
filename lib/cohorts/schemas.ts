// Cohort inputs, shared by the instructor's form and the route handlers.
import { z } from 'zod'

export const MAX_COHORT_NAME = 120
export const MAX_COHORT_DESCRIPTION = 2000
export const INVITE_CODE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/

export const createCohortInput = z.object({
  name: z.string().trim().min(1, 'Give the cohort a name.').max(MAX_COHORT_NAME, `Name must be at most ${MAX_COHORT_NAME} characters.`),
  description: z.string().trim().max(MAX_COHORT_DESCRIPTION).default(''),
})
export type CreateCohortInput = z.infer<typeof createCohortInput>

export const joinCohortInput = z.object({
  code: z.string().trim().regex(INVITE_CODE_PATTERN, 'That invitation code is not valid.'),
})
