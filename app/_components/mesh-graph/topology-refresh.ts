// Which `resource` events change the mesh graph, and how long to wait for a burst of them to settle before re-fetching.
import type { EngineEvent } from '@/lab-engine/drivers/engine-event'
import { TOPOLOGY_CORE_KINDS, TOPOLOGY_ISTIO_KINDS } from '@/lab-engine/mesh/graph/topology-objects'

/** A rollout changes dozens of objects in a second; one fetch after the burst is enough. */
export const REFRESH_DEBOUNCE_MS = 600

const KINDS = new Set([...TOPOLOGY_CORE_KINDS, ...TOPOLOGY_ISTIO_KINDS])

/** The kinds buildMeshTopology reads, plus the mesh config ConfigMap. */
export function affectsTopology(e: Extract<EngineEvent, { type: 'resource' }>): boolean {
  if (e.kind === 'ConfigMap') return e.namespace === 'istio-system' && e.name === 'istio'
  return KINDS.has(e.kind)
}
