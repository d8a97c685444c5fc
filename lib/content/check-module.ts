// Checking one module file: frontmatter, directives, YAML, links, sample paths and the size of the teaching.
import { existsSync } from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { z } from 'zod'
import type { LabFile } from '@/lab-engine/grader/lab-files'
import { diagramSchema, moduleFrontmatterSchema, quizSchema, type ModuleFrontmatter } from './module-schema'
import { DIRECTIVES, parseDocument, type ContentProblem, type DirectiveBlock, type ParsedDocument } from './parse-module'
import { yamlBlockProblems } from './validate-yaml-block'
import { proseWords } from './prose-words'

export const MIN_MODULE_WORDS = 2_000
export const MIN_QUIZZES = 5

export interface ModuleContext {
  repoRoot: string
  /** Lab folder names under this module's labs/. */
  labsOnDisk: string[]
  /** Every lab slug in the course (links may point to another module's lab). */
  allLabs: Set<string>
}

/** The context of one module: its own lab folders and every lab slug in the course. */
export function moduleContext(repoRoot: string, slug: string, labs: readonly LabFile[]): ModuleContext {
  return { repoRoot, labsOnDisk: labs.filter((l) => l.name.startsWith(slug + '/')).map((l) => l.slug), allLabs: new Set(labs.map((l) => l.slug)) }
}

export interface CheckedModule {
  frontmatter: ModuleFrontmatter | null
  parsed: ParsedDocument
  problems: ContentProblem[]
}

export function checkModule(text: string, file: string, ctx: ModuleContext): CheckedModule {
  const parsed = parseDocument(text, file)
  const problems = [...parsed.problems]
  const fm = schemaCheck(moduleFrontmatterSchema, parsed.frontmatter, file, problems)
  if (fm) problems.push(...labListProblems(fm, file, ctx))
  for (const d of parsed.directives) problems.push(...directiveProblems(d, file, ctx))
  problems.push(...duplicateQuizIds(parsed.directives, file))
  for (const code of parsed.codeBlocks) if (code.lang === 'yaml' || code.lang === 'yml') problems.push(...yamlBlockProblems(code, file))
  for (const link of parsed.links) {
    const lab = /^lab:(.+)$/.exec(link.url)?.[1]
    if (lab && !ctx.allLabs.has(lab)) problems.push({ file, line: link.line, message: `link to lab "${lab}", which does not exist` })
  }
  const quizzes = parsed.directives.filter((d) => d.name === 'quiz').length
  if (quizzes < MIN_QUIZZES) problems.push({ file, line: 1, message: `a module has at least ${MIN_QUIZZES} quizzes; this one has ${quizzes}` })
  const words = proseWords(parsed.tree)
  if (words < MIN_MODULE_WORDS) problems.push({ file, line: 1, message: `a module has at least ${MIN_MODULE_WORDS} words of explanation; this one has ${words}` })
  return { frontmatter: fm, parsed, problems }
}

export function schemaCheck<S extends z.ZodType>(schema: S, value: unknown, file: string, problems: ContentProblem[], line = 2): z.infer<S> | null {
  const r = schema.safeParse(value)
  if (r.success) return r.data
  for (const issue of r.error.issues) problems.push({ file, line, message: `${issue.path.length ? issue.path.join('.') + ': ' : ''}${issue.message}` })
  return null
}

function labListProblems(fm: ModuleFrontmatter, file: string, ctx: ModuleContext): ContentProblem[] {
  const out: ContentProblem[] = []
  for (const lab of fm.labs) if (!ctx.labsOnDisk.includes(lab)) out.push({ file, line: 2, message: `labs: "${lab}" is not a folder with a lab.yaml under this module's labs/` })
  for (const lab of ctx.labsOnDisk) if (!fm.labs.includes(lab)) out.push({ file, line: 2, message: `labs: the lab "${lab}" in this module's labs/ is not listed` })
  return out
}

function directiveProblems(d: DirectiveBlock, file: string, ctx: ModuleContext): ContentProblem[] {
  const at = (message: string): ContentProblem[] => [{ file, line: d.line, message }]
  if (!(DIRECTIVES as readonly string[]).includes(d.name)) return at(`unknown directive ":::${d.name}" (one of ${DIRECTIVES.join(', ')})`)
  switch (d.name) {
    case 'run': return runProblems(d, file, ctx)
    case 'editor': return editorProblems(d, file)
    case 'diagram': return yamlDirective(d, file, diagramSchema)
    case 'quiz': return d.attributes.id ? yamlDirective(d, file, quizSchema) : at(':::quiz needs an id: :::quiz{id="..."}')
    default: return []
  }
}

function runProblems(d: DirectiveBlock, file: string, ctx: ModuleContext): ContentProblem[] {
  const out: ContentProblem[] = []
  const at = (message: string) => out.push({ file, line: d.line, message })
  if (!d.code || !['sh', 'bash', 'shell'].includes(d.code.lang ?? '')) at(':::run holds one ```sh code block')
  for (const key of Object.keys(d.attributes)) if (!['expect-exit', 'kind-only', 'interrupt'].includes(key)) at(`:::run does not take "${key}" (expect-exit=N, kind-only, interrupt)`)
  const exit = d.attributes['expect-exit']
  if (exit !== undefined && !/^\d{1,3}$/.test(exit ?? '')) at(`expect-exit must be a number, not "${exit}"`)
  for (const ref of d.code?.value.match(/(?<![\w/])samples\/[\w./-]+\.ya?ml/g) ?? []) {
    if (!existsSync(path.join(ctx.repoRoot, 'content', ref))) at(`${ref} is not in content/samples`)
  }
  return out
}

function editorProblems(d: DirectiveBlock, file: string): ContentProblem[] {
  const name = d.attributes.file
  if (!name || !/^[\w.-]+(\/[\w.-]+)*$/.test(name) || name.split('/').includes('..')) return [{ file, line: d.line, message: ':::editor needs file="name.yaml" (a relative path without ..)' }]
  if (!d.code || (d.code.lang !== 'yaml' && d.code.lang !== 'yml')) return [{ file, line: d.line, message: ':::editor holds one ```yaml code block' }]
  return yamlBlockProblems(d.code, file)
}

function yamlDirective(d: DirectiveBlock, file: string, schema: z.ZodType): ContentProblem[] {
  if (!d.code || d.code.lang !== 'yaml') return [{ file, line: d.line, message: `:::${d.name} holds one \`\`\`yaml code block` }]
  let value: unknown
  try {
    value = parseYaml(d.code.value)
  } catch (err) {
    return [{ file, line: d.line + 1, message: `:::${d.name} YAML does not parse: ${(err as Error).message.split('\n')[0]}` }]
  }
  const problems: ContentProblem[] = []
  schemaCheck(schema, value, file, problems, (d.code.position?.start.line ?? d.line) + 1)
  return problems.map((p) => ({ ...p, message: `:::${d.name}: ${p.message}` }))
}

function duplicateQuizIds(directives: DirectiveBlock[], file: string): ContentProblem[] {
  const seen = new Set<string>()
  return directives.filter((d) => d.name === 'quiz' && d.attributes.id).flatMap((d) => {
    const id = d.attributes.id!
    if (seen.has(id)) return [{ file, line: d.line, message: `quiz id "${id}" is used twice in this module` }]
    seen.add(id)
    return []
  })
}

