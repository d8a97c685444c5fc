// The service address of a hop: the ClusterIP:port a client app connected to, as its sidecar's access-log line shows it.
//
// Istio docs, tasks/observability/logs/access-log: the client proxy's
// DOWNSTREAM_LOCAL_ADDRESS is the service's ClusterIP and port (the outbound
// listener's original destination). Looked up once per (service, cluster) until the
// store changes: every request logs it, and the answer only moves when a Service does.
import type { ObjectStore } from '../../cluster/store'
import type { HopRecord } from '../data/hop'
import { destinationServiceOf } from './workload-info'

/** Most distinct (service, cluster) pairs remembered per store before the cache starts over. */
export const MAX_CACHED_SERVICE_ADDRESSES = 10_000

const addresses = new WeakMap<ObjectStore, { rv: string; size: number; count: number; byService: Map<string, Map<string, string | undefined>> }>()

/** ClusterIP:port of the hop's destination service, or undefined (no service, headless, port unknown). */
export function serviceAddress(store: ObjectStore, hop: Pick<HopRecord, 'destinationService' | 'cluster'>): string | undefined {
  if (!hop.destinationService) return undefined
  // A delete hands out no resourceVersion, so the object count joins it: any write changes one or the other.
  const rv = store.resourceVersion()
  const size = store.size()
  let cache = addresses.get(store)
  if (!cache || cache.rv !== rv || cache.size !== size) addresses.set(store, (cache = { rv, size, count: 0, byService: new Map() }))
  let byCluster = cache.byService.get(hop.destinationService)
  if (!byCluster) cache.byService.set(hop.destinationService, (byCluster = new Map()))
  const cluster = hop.cluster ?? ''
  if (byCluster.has(cluster)) return byCluster.get(cluster)
  const address = lookUp(store, hop.destinationService, hop.cluster)
  if (cache.count >= MAX_CACHED_SERVICE_ADDRESSES) {
    cache.byService.clear()
    cache.count = 0
    cache.byService.set(hop.destinationService, (byCluster = new Map()))
  }
  byCluster.set(cluster, address)
  cache.count++
  return address
}

function lookUp(store: ObjectStore, host: string, cluster: string | undefined): string | undefined {
  const svc = destinationServiceOf(host)
  const port = Number(cluster?.split('|')[1])
  if (svc.namespace === 'unknown' || !port) return undefined
  const ip = (store.get({ kind: 'Service', name: svc.name, namespace: svc.namespace })?.spec as { clusterIP?: string } | undefined)?.clusterIP
  return ip && ip !== 'None' ? `${ip}:${port}` : undefined
}
