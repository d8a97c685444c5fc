// The course as columns of the cohort console: every module, each followed by its labs (titles from content/).
import { findLabFiles, readLab } from '@/lab-engine/grader/lab-files'
import { listModules } from '@/lib/content/course'

export interface CourseColumn {
  kind: 'module' | 'lab'
  slug: string
  /** The module a lab belongs to (a module's own slug for a module). */
  moduleSlug: string
  title: string
}

let labCache: { key: string; labs: CourseColumn[] } | null = null

function contentRoot(): string {
  return process.env.CONTENT_ROOT ?? process.cwd()
}

/** Valid labs, read once per set of lab files (an instructor adding a lab in development sees it on reload). */
function courseLabs(): CourseColumn[] {
  const root = contentRoot()
  const files = findLabFiles(root)
  const key = files.map((f) => f.name).join('\n')
  if (labCache?.key === key) return labCache.labs
  const labs: CourseColumn[] = []
  for (const file of files) {
    const loaded = readLab(root, file)
    if (loaded.ok && !labs.some((l) => l.slug === file.slug)) {
      labs.push({ kind: 'lab', slug: file.slug, moduleSlug: loaded.lab.module, title: loaded.lab.title })
    }
  }
  labCache = { key, labs }
  return labs
}

/** Modules in course order, each followed by its labs. */
export async function courseColumns(): Promise<CourseColumn[]> {
  const modules = (await listModules()).sort((a, b) => a.order - b.order)
  const labs = courseLabs()
  return modules.flatMap((m) => [
    { kind: 'module' as const, slug: m.slug, moduleSlug: m.slug, title: m.title },
    ...labs.filter((l) => l.moduleSlug === m.slug),
  ])
}

/** Where staff preview a column's content (module and lab previews show content-check problems). */
export function previewHref(column: Pick<CourseColumn, 'kind' | 'slug'>): string {
  return column.kind === 'module' ? `/modules/${column.slug}` : `/labs/${column.slug}`
}
