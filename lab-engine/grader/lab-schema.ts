// The lab format (lab.yaml): what a lab is, validated with zod; its JSON schema is exported for editors.
//
// Issue 6 "Lab format": title, summary, module, estimated minutes, difficulty,
// driver requirements, setup statements, ordered tasks (instructions, checks,
// hints, a reference solution, alternative solutions, points) and the files
// the learner starts with.
import { z } from 'zod'
import { checkSchema } from './check-schema'

export const MODULE_SLUGS = [
  '01-kubernetes-foundations', '02-istio-architecture', '03-traffic-management', '04-security',
  '05-policies-and-telemetry', '06-performance-and-scalability', '07-capstone',
] as const

export const MAX_TASKS = 12
export const MAX_LAB_FILE_BYTES = 256 * 1024

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes').max(60)

export const taskSchema = z.strictObject({
  id: slug,
  title: z.string().min(1).max(120),
  /** Markdown shown to the learner. */
  instructions: z.string().min(1).max(20_000),
  points: z.number().int().min(0).max(100).default(10),
  checks: z.array(checkSchema).min(1).max(20),
  /** Revealed one at a time; each use is recorded. */
  hints: z.array(z.string().min(1).max(2_000)).max(6).default([]),
  /** Shell statements that solve this task (after the earlier tasks' solutions). */
  solution: z.string().min(1).max(50_000),
  /** Other correct ways (another manifest layout, an imperative path): each must pass too. */
  alternatives: z.array(z.string().min(1).max(50_000)).max(5).default([]),
})

export const labSchema = z.strictObject({
  title: z.string().min(1).max(120),
  summary: z.string().min(1).max(500),
  module: z.enum(MODULE_SLUGS),
  estimatedMinutes: z.number().int().min(1).max(240),
  difficulty: z.enum(['beginner', 'intermediate', 'advanced']),
  /** Drivers the lab runs on; the sim always, kind where it also works on a real cluster. */
  drivers: z.array(z.enum(['sim', 'kind'])).min(1).default(['sim', 'kind']),
  /** Shell statements run before the learner arrives. */
  setup: z.string().max(50_000).default(''),
  /** Files the learner starts with, by path under the home directory. */
  files: z.record(z.string().regex(/^[\w./-]+$/).refine((p) => !p.split('/').includes('..'), 'no ".." in file paths'), z.string().max(MAX_LAB_FILE_BYTES)).default({}),
  tasks: z.array(taskSchema).min(1).max(MAX_TASKS).refine((tasks) => new Set(tasks.map((t) => t.id)).size === tasks.length, 'task ids must be unique'),
})

export type LabSpec = z.infer<typeof labSchema>
export type LabTask = z.infer<typeof taskSchema>

/** The JSON schema editors use for lab.yaml (monaco-yaml, the yaml-language-server modeline). */
export function labJsonSchema(): object {
  return z.toJSONSchema(labSchema, { io: 'input', unrepresentable: 'any' })
}
