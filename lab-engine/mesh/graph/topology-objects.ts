// The objects the mesh graph reads, listed through any ClusterDriver (so sim and kind draw the same graph).
//
// These are the kinds istiod watches to compile proxy config (Services, Endpoints,
// Pods, Nodes, Namespaces, the networking and security CRDs, the `istio` mesh
// ConfigMap) plus Deployments, so a workload scaled to zero still shows. Pods name
// their workload themselves (owner references), so ReplicaSets are not read. On kind
// each kind is one kubectl call: keep the list short.

import type { ClusterDriver } from '../../drivers/cluster-driver'
import type { ListedObject } from './object-store-of'

/** Core kinds: always served. */
export const TOPOLOGY_CORE_KINDS: readonly string[] = ['Namespace', 'Node', 'Pod', 'Service', 'Endpoints', 'Deployment']

/** Istio kinds: served only once Istio's CRDs are installed, so a failing list counts as empty. */
export const TOPOLOGY_ISTIO_KINDS: readonly string[] = [
  'VirtualService', 'DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar',
  'PeerAuthentication', 'AuthorizationPolicy', 'RequestAuthentication',
]

/** Where Istio keeps its mesh config (MeshConfig in the `istio` ConfigMap's `mesh` key). */
const MESH_CONFIG = { kind: 'ConfigMap', namespace: 'istio-system', name: 'istio' } as const

type Lister = Pick<ClusterDriver, 'list' | 'get'>

async function listOrEmpty(driver: Lister, kind: string): Promise<ListedObject[]> {
  try {
    return (await driver.list({ kind })) as ListedObject[]
  } catch {
    return []
  }
}

/** Every object buildMeshTopology needs, all namespaces. Core kinds that fail to list fail the call. */
export async function listTopologyObjects(driver: Lister): Promise<ListedObject[]> {
  const core = await Promise.all(TOPOLOGY_CORE_KINDS.map((kind) => driver.list({ kind }) as Promise<ListedObject[]>))
  const istio = await Promise.all(TOPOLOGY_ISTIO_KINDS.map((kind) => listOrEmpty(driver, kind)))
  const mesh = await driver.get(MESH_CONFIG).catch(() => null)
  return [...core.flat(), ...istio.flat(), ...(mesh ? [mesh as ListedObject] : [])]
}
