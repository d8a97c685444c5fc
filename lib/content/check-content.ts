// `npm run content:check`: every module, the course and glossary pages, and every lab, with file and line for each problem.
//
// Issue 7: frontmatter, directives, links between modules and labs, referenced
// sample files, and YAML code blocks validated against the Kubernetes/Istio schemas.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { findLabFiles, readLab } from '@/lab-engine/grader/lab-files'
import { MODULE_SLUGS } from '@/lab-engine/grader/lab-schema'
import { checkModule, moduleContext, schemaCheck } from './check-module'
import { pageFrontmatterSchema } from './module-schema'
import { parseDocument, type ContentProblem } from './parse-module'

export interface ContentReport {
  problems: ContentProblem[]
  modules: number
  labs: number
}

export function checkContent(repoRoot: string): ContentReport {
  const problems: ContentProblem[] = []
  const rel = (f: string) => path.relative(repoRoot, f)
  const labs = findLabFiles(repoRoot)
  for (const lab of labs) {
    const loaded = readLab(repoRoot, lab)
    if (!loaded.ok) problems.push(...loaded.problems)
    else if (!lab.name.startsWith(loaded.lab.module + '/')) problems.push({ file: rel(lab.file), line: 1, message: `module: "${loaded.lab.module}" but the lab lives under ${lab.name.split('/')[0]}` })
  }
  const orders = new Map<string, number>()
  for (const slug of MODULE_SLUGS) {
    const file = path.join(repoRoot, 'content/modules', slug, 'module.md')
    if (!existsSync(file)) {
      problems.push({ file: rel(file), line: 1, message: `module ${slug} has no module.md` })
      continue
    }
    const checked = checkModule(readFileSync(file, 'utf8'), rel(file), moduleContext(repoRoot, slug, labs))
    problems.push(...checked.problems)
    if (checked.frontmatter) orders.set(slug, checked.frontmatter.order)
    for (const pre of checked.frontmatter?.prerequisites ?? []) if (pre === slug) problems.push({ file: rel(file), line: 2, message: 'a module cannot be its own prerequisite' })
  }
  problems.push(...orderProblems(orders, repoRoot))
  for (const page of ['course.md', 'glossary.md']) problems.push(...pageProblems(path.join(repoRoot, 'content', page), rel))
  const strays = existsSync(path.join(repoRoot, 'content/modules')) ? readdirSync(path.join(repoRoot, 'content/modules')).filter((d) => !(MODULE_SLUGS as readonly string[]).includes(d)) : []
  for (const d of strays) problems.push({ file: `content/modules/${d}`, line: 1, message: `"${d}" is not one of the course's module folders (${MODULE_SLUGS.join(', ')})` })
  return { problems: problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line), modules: orders.size, labs: labs.length }
}

function orderProblems(orders: Map<string, number>, repoRoot: string): ContentProblem[] {
  return MODULE_SLUGS.flatMap((slug, i) => {
    const order = orders.get(slug)
    return order !== undefined && order !== i + 1 ? [{ file: path.relative(repoRoot, path.join(repoRoot, 'content/modules', slug, 'module.md')), line: 2, message: `order: ${order}, but the folder name puts it at ${i + 1}` }] : []
  })
}

function pageProblems(file: string, rel: (f: string) => string): ContentProblem[] {
  if (!existsSync(file)) return [{ file: rel(file), line: 1, message: 'missing page' }]
  const parsed = parseDocument(readFileSync(file, 'utf8'), rel(file))
  const problems = [...parsed.problems]
  schemaCheck(pageFrontmatterSchema, parsed.frontmatter, rel(file), problems)
  return problems
}
