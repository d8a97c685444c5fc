// Where labs live: content/modules/<module>/labs/<lab>/lab.yaml (the CLI and tests read them; the engine reads no host files itself).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { loadLab, type LoadedLab } from './load-lab'

export interface LabFile {
  /** `<module>/<lab>`, as authors name a lab on the command line. */
  name: string
  slug: string
  file: string
}

export function findLabFiles(repoRoot: string): LabFile[] {
  const modules = path.join(repoRoot, 'content/modules')
  if (!existsSync(modules)) return []
  return readdirSync(modules).sort().flatMap((m) => {
    const labs = path.join(modules, m, 'labs')
    if (!existsSync(labs)) return []
    return readdirSync(labs).sort()
      .map((l) => ({ name: `${m}/${l}`, slug: l, file: path.join(labs, l, 'lab.yaml') }))
      .filter((l) => existsSync(l.file))
  })
}

/** A lab file read and validated; problems name the file relative to the repository. */
export function readLab(repoRoot: string, lab: LabFile): LoadedLab {
  return loadLab(readFileSync(lab.file, 'utf8'), path.relative(repoRoot, lab.file))
}
