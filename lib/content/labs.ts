// Labs as the app lists them: each lab.yaml under content/modules, by slug (the folder name).
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { findLabFiles } from '@/lab-engine/grader/lab-files'
import type { LabSpec } from '@/lab-engine/grader/lab-schema'
import { loadLab } from '@/lab-engine/grader/load-lab'

export interface LabOverview {
  slug: string
  lab: LabSpec
}

export function findLab(slug: string): LabOverview | null {
  const root = process.env.CONTENT_ROOT ?? process.cwd()
  const file = findLabFiles(root).find((l) => l.slug === slug)
  if (!file) return null
  const loaded = loadLab(readFileSync(file.file, 'utf8'), path.relative(root, file.file))
  return loaded.ok ? { slug, lab: loaded.lab } : null
}
