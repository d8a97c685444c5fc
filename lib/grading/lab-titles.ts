// Lab titles and task titles for the grader's pages, read from content/ (the playground has no tasks).
import { findLabFiles, readLab } from '@/lab-engine/grader/lab-files'
import { PLAYGROUND_SLUG } from '@/lab-engine/sessions/lab-catalog'

export interface LabInfo {
  title: string
  /** Task id -> title, in the lab's order. */
  tasks: { id: string; title: string }[]
}

let cache: { at: number; labs: Map<string, LabInfo> } | null = null
/** Re-read content at most this often, so an edited lab.yaml shows up without a restart. */
const CACHE_MS = 30_000

/** Every lab by slug; unknown or invalid labs are absent (callers fall back to the slug). */
export function labInfos(now = Date.now()): Map<string, LabInfo> {
  if (cache && now - cache.at < CACHE_MS) return cache.labs
  const root = process.env.CONTENT_ROOT ?? process.cwd()
  const labs = new Map<string, LabInfo>([[PLAYGROUND_SLUG, { title: 'Playground', tasks: [] }]])
  for (const file of findLabFiles(root)) {
    const loaded = readLab(root, file)
    if (loaded.ok) labs.set(file.slug, { title: loaded.lab.title, tasks: loaded.lab.tasks.map((t) => ({ id: t.id, title: t.title })) })
  }
  cache = { at: now, labs }
  return labs
}

export function labTitle(slug: string): string {
  return labInfos().get(slug)?.title ?? slug
}
