// Lab session API inputs.
import { z } from 'zod'

export const LAB_SLUG_MAX = 100

export const startLabSessionInput = z.object({
  lab: z.string().trim().min(1, 'Name the lab to start.').max(LAB_SLUG_MAX).regex(/^[a-z0-9][a-z0-9-]*$/, 'A lab slug is lower-case letters, digits and dashes.'),
})

export const listLabSessionsQuery = z.object({
  userId: z.uuid().optional(),
})

export const hintRequestInput = z.object({
  taskId: z.string().trim().min(1, 'Name the task.').max(60),
})
