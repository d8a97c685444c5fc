// Course API inputs.
import { z } from 'zod'

export const quizAnswerInput = z.object({
  choices: z.array(z.number().int().min(0).max(9)).min(1, 'Pick an answer.').max(6),
})

export const sectionReadInput = z.object({
  section: z.string().min(1).max(200),
})
