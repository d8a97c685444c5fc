// The mesh graph's public surface: build a topology from a driver's objects; the JSON types the browser draws.
export { buildMeshTopology } from './build-topology'
export { listTopologyObjects, TOPOLOGY_CORE_KINDS, TOPOLOGY_ISTIO_KINDS } from './topology-objects'
export type { ListedObject } from './object-store-of'
export * from './types'
