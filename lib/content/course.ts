// The course as the app reads it: module frontmatter for listings, rendered pages and quiz answers, cached per file and
// re-read when the file changes (so an instructor editing content in development sees it on reload).
import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { MODULE_SLUGS } from '@/lab-engine/grader/lab-schema'
import type { Quiz } from './module-schema'
import { moduleFrontmatterSchema, pageFrontmatterSchema, type ModuleFrontmatter } from './module-schema'
import { quizAnswers, renderDocument, type RenderedDocument } from './render/render-document'
import { checkModule, moduleContext } from './check-module'
import { findLabFiles } from '@/lab-engine/grader/lab-files'
import type { ContentProblem } from './parse-module'

export interface ModuleSummary extends ModuleFrontmatter {
  slug: string
}

export interface RenderedModule extends RenderedDocument {
  meta: ModuleSummary
}

const cache = new Map<string, { mtimeMs: number; value: Promise<unknown> }>()

function contentRoot(): string {
  return path.join(process.env.CONTENT_ROOT ?? process.cwd(), 'content')
}

/** A value computed from a file (one per `what`), recomputed when the file's mtime changes. */
function fromFile<T>(what: 'render' | 'quizzes' | 'check', file: string, make: (text: string) => Promise<T> | T): Promise<T> {
  const mtimeMs = statSync(file).mtimeMs
  const key = `${what}:${file}`
  const hit = cache.get(key)
  if (hit && hit.mtimeMs === mtimeMs) return hit.value as Promise<T>
  const value = Promise.resolve().then(() => make(readFileSync(file, 'utf8')))
  cache.set(key, { mtimeMs, value })
  return value
}

export function isModuleSlug(slug: string): slug is (typeof MODULE_SLUGS)[number] {
  return (MODULE_SLUGS as readonly string[]).includes(slug)
}

function moduleFile(slug: string): string {
  return path.join(contentRoot(), 'modules', slug, 'module.md')
}

export async function renderModule(slug: string): Promise<RenderedModule | null> {
  if (!isModuleSlug(slug)) return null
  const file = moduleFile(slug)
  try {
    return await fromFile('render', file, async (text) => {
      const rendered = await renderDocument(text, file)
      const fm = moduleFrontmatterSchema.parse(rendered.frontmatter)
      return { ...rendered, meta: { ...fm, slug } }
    })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

export async function listModules(): Promise<ModuleSummary[]> {
  const found = await Promise.all(MODULE_SLUGS.map((slug) => renderModule(slug)))
  return found.filter((m): m is RenderedModule => m !== null).map((m) => m.meta)
}

export async function moduleQuizzes(slug: string): Promise<Map<string, Quiz>> {
  if (!isModuleSlug(slug)) return new Map()
  const file = moduleFile(slug)
  return fromFile('quizzes', file, (text) => quizAnswers(text, file))
}

/** content/course.md or content/glossary.md. */
export async function renderPage(name: 'course' | 'glossary'): Promise<(RenderedDocument & { title: string; summary: string }) | null> {
  const file = path.join(contentRoot(), `${name}.md`)
  try {
    return await fromFile('render', file, async (text) => {
      const rendered = await renderDocument(text, file)
      return { ...rendered, ...pageFrontmatterSchema.parse(rendered.frontmatter) }
    })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

/** content:check's problems for one module, for instructors previewing it (cached per file version). */
export async function moduleProblems(slug: string): Promise<ContentProblem[]> {
  if (!isModuleSlug(slug)) return []
  const file = moduleFile(slug)
  const repoRoot = path.dirname(contentRoot())
  return fromFile('check', file, (text) => checkModule(text, path.relative(repoRoot, file), moduleContext(repoRoot, slug, findLabFiles(repoRoot))).problems)
}

/** The newest modification time of the module and lab files, for live reload while authoring. */
export function contentVersion(): number {
  const root = path.join(contentRoot(), 'modules')
  const files = [...MODULE_SLUGS.map((slug) => path.join(root, slug, 'module.md')), ...findLabFiles(path.dirname(contentRoot())).map((l) => l.file)]
  let newest = 0
  for (const file of files) {
    try {
      newest = Math.max(newest, statSync(file).mtimeMs)
    } catch {
      // a module not written yet, or a lab removed since the listing
    }
  }
  return newest
}
