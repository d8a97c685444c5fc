// Course content schemas: a module's frontmatter, the course and glossary pages' frontmatter, and the YAML inside diagram and quiz directives.
import { z } from 'zod'
import { MODULE_SLUGS } from '@/lab-engine/grader/lab-schema'

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes')

export const moduleFrontmatterSchema = z.strictObject({
  title: z.string().min(1).max(120),
  summary: z.string().min(1).max(400),
  order: z.number().int().min(1).max(MODULE_SLUGS.length),
  objectives: z.array(z.string().min(1).max(300)).min(3).max(10),
  prerequisites: z.array(z.enum(MODULE_SLUGS)).default([]),
  estimatedMinutes: z.number().int().min(5).max(600),
  labs: z.array(slug).default([]),
})

export const pageFrontmatterSchema = z.strictObject({
  title: z.string().min(1).max(120),
  summary: z.string().min(1).max(400),
})

export const MAX_DIAGRAM_NODES = 30

export const diagramSchema = z.strictObject({
  nodes: z.array(z.strictObject({ id: z.string().min(1).max(40), label: z.string().min(1).max(60), group: z.string().max(60).optional() })).min(1).max(MAX_DIAGRAM_NODES),
  edges: z.array(z.strictObject({ from: z.string(), to: z.string(), label: z.string().max(60).optional() })).max(60).default([]),
}).refine((d) => {
  const ids = new Set(d.nodes.map((n) => n.id))
  return ids.size === d.nodes.length && d.edges.every((e) => ids.has(e.from) && ids.has(e.to))
}, 'node ids must be unique and every edge must join two declared nodes')

export const quizSchema = z.strictObject({
  question: z.string().min(1).max(1_000),
  multiple: z.boolean().default(false),
  choices: z.array(z.strictObject({ text: z.string().min(1).max(500), correct: z.boolean().default(false), explain: z.string().min(1).max(1_000) })).min(2).max(6),
}).refine((q) => q.choices.some((c) => c.correct), 'at least one choice must be correct')
  .refine((q) => q.multiple || q.choices.filter((c) => c.correct).length === 1, 'a single-choice quiz has exactly one correct choice (set multiple: true otherwise)')

export type ModuleFrontmatter = z.infer<typeof moduleFrontmatterSchema>
export type Diagram = z.infer<typeof diagramSchema>
export type Quiz = z.infer<typeof quizSchema>
