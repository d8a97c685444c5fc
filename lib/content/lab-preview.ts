// Instructors' view of a lab from the working tree: its problems (even when it does not load), and the honesty gate on demand.
import path from 'node:path'
import { sampleFiles } from '@/lab-engine/cli'
import { findLabFiles, readLab } from '@/lab-engine/grader/lab-files'
import { runHonestyGate, type GateProblem } from '@/lab-engine/grader/honesty-gate'
import type { LabSpec } from '@/lab-engine/grader/lab-schema'
import { ApiError } from '@/lib/api/api-error'

export interface LabPreview {
  slug: string
  /** The lab file, relative to the repository. */
  file: string
  /** null when the file does not load; `problems` says why. */
  lab: LabSpec | null
  problems: { line: number; message: string }[]
}

export interface LabVerification {
  passed: boolean
  problems: GateProblem[]
  gradings: number
  elapsedMs: number
}

function contentRepoRoot(): string {
  return process.env.CONTENT_ROOT ?? process.cwd()
}

export function labPreview(slug: string): LabPreview | null {
  const root = contentRepoRoot()
  const found = findLabFiles(root).find((l) => l.slug === slug)
  if (!found) return null
  const loaded = readLab(root, found)
  const file = path.relative(root, found.file)
  return loaded.ok ? { slug, file, lab: loaded.lab, problems: [] } : { slug, file, lab: null, problems: loaded.problems.map((p) => ({ line: p.line, message: p.message })) }
}

let running: Promise<LabVerification> | null = null

/**
 * Runs the honesty gate (setup fails every check; each solution passes its task, in order) on the sim.
 * One at a time per server: a gate grades the lab several times and takes about a second of CPU.
 */
export async function verifyLab(slug: string): Promise<LabVerification> {
  const preview = labPreview(slug)
  if (!preview) throw new ApiError('not_found', 'No such lab.')
  if (!preview.lab) throw new ApiError('validation_failed', `${preview.file} does not load: fix its problems first.`)
  if (running) throw new ApiError('conflict', 'Another lab is being verified; try again in a few seconds.')
  running = gate(preview.lab)
  try {
    return await running
  } finally {
    running = null
  }
}

async function gate(lab: LabSpec): Promise<LabVerification> {
  const started = performance.now()
  const report = await runHonestyGate(lab, sampleFiles(path.join(contentRepoRoot(), 'content/samples')))
  return { passed: report.problems.length === 0, problems: report.problems, gradings: report.gradings, elapsedMs: Math.round(performance.now() - started) }
}
