// Labs as the app lists them: each lab.yaml under content/modules, by slug (the folder name).
import { findLabFiles, readLab } from '@/lab-engine/grader/lab-files'
import type { LabSpec } from '@/lab-engine/grader/lab-schema'

export interface LabOverview {
  slug: string
  lab: LabSpec
}

export function findLab(slug: string): LabOverview | null {
  const root = process.env.CONTENT_ROOT ?? process.cwd()
  const file = findLabFiles(root).find((l) => l.slug === slug)
  if (!file) return null
  const loaded = readLab(root, file)
  return loaded.ok ? { slug, lab: loaded.lab } : null
}
