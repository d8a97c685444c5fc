// Lab catalog: what a lab slug starts (the environment spec and the drivers it can run on).
//
// The labs issue adds the lab.yaml catalogue; until then, and always after it,
// the `playground` exists: a fresh kind-like cluster, Istio not yet installed,
// Istio's samples in the home directory, a free sandbox.
import type { DriverName, EnvSpec } from '../drivers/cluster-driver'
import type { LabSpec } from '../grader/lab-schema'

export const PLAYGROUND_SLUG = 'playground'

export interface LabDefinition {
  slug: string
  title: string
  /** Drivers the lab can run on (a lab may need kind for what the sim does not model). */
  drivers: readonly DriverName[]
  spec: Omit<EnvSpec, 'mode' | 'seed'>
  /** A graded lab's tasks and the content hash of its lab.yaml (the playground has none). */
  grading?: { lab: LabSpec; contentHash: string }
}

export interface LabCatalog {
  get(slug: string): LabDefinition | undefined
}

export function playgroundLab(samples: Readonly<Record<string, string>>): LabDefinition {
  return { slug: PLAYGROUND_SLUG, title: 'Playground', drivers: ['sim', 'kind'], spec: { setup: '', files: samples } }
}

/** A catalog over a fixed list (the playground plus whatever the content loader found). */
export function staticCatalog(labs: readonly LabDefinition[]): LabCatalog {
  const bySlug = new Map(labs.map((l) => [l.slug, l]))
  return { get: (slug) => bySlug.get(slug) }
}
