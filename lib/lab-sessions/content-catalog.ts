// The lab catalog from content/: the playground plus every valid lab.yaml under content/modules (invalid ones are logged and left out;
// `npm run labs:check` and the content check name their problems).
import path from 'node:path'
import { sampleFiles } from '@/lab-engine/cli'
import { findLabFiles, readLab } from '@/lab-engine/grader/lab-files'
import { playgroundLab, staticCatalog, type LabCatalog, type LabDefinition } from '@/lab-engine/sessions/lab-catalog'
import { logger } from '@/lib/log'

export function contentCatalog(repoRoot: string): LabCatalog {
  const samples = sampleFiles(path.join(repoRoot, 'content/samples'))
  const labs: LabDefinition[] = [playgroundLab(samples)]
  for (const file of findLabFiles(repoRoot)) {
    const loaded = readLab(repoRoot, file)
    if (!loaded.ok) {
      logger.error({ problems: loaded.problems }, `lab ${file.name} is invalid and is not offered`)
      continue
    }
    if (labs.some((l) => l.slug === file.slug)) {
      logger.error(`lab ${file.name}: another lab already uses the slug "${file.slug}"; this one is not offered`)
      continue
    }
    const { lab, contentHash } = loaded
    labs.push({ slug: file.slug, title: lab.title, drivers: lab.drivers, spec: { setup: lab.setup, files: { ...samples, ...lab.files } }, grading: { lab, contentHash } })
  }
  return staticCatalog(labs)
}
