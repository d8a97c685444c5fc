import { describe, expect, it } from 'vitest'
import { Clock } from '../../core/clock'
import { Rng } from '../../core/rng'
import { ObjectStore } from '../../cluster/store'
import { serviceAddress } from './service-address'

const HOST = 'httpbin.default.svc.cluster.local'
const CLUSTER = `outbound|8000||${HOST}`

function storeWith(clusterIP: string): ObjectStore {
  const store = new ObjectStore({ clock: Clock.virtual({ startMs: 0 }), rng: Rng.seeded(1) })
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } })
  store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'httpbin', namespace: 'default' }, spec: { clusterIP, ports: [{ port: 8000 }] } })
  return store
}

describe('service address of a hop (client access-log DOWNSTREAM_LOCAL_ADDRESS)', () => {
  it('is the ClusterIP with the port of the outbound cluster', () => {
    expect(serviceAddress(storeWith('10.96.12.7'), { destinationService: HOST, cluster: CLUSTER })).toBe('10.96.12.7:8000')
  })

  it('follows a Service change (the cache is per store version)', () => {
    const store = storeWith('10.96.12.7')
    expect(serviceAddress(store, { destinationService: HOST, cluster: CLUSTER })).toBe('10.96.12.7:8000')
    store.delete({ kind: 'Service', name: 'httpbin', namespace: 'default' })
    expect(serviceAddress(store, { destinationService: HOST, cluster: CLUSTER })).toBeUndefined()
  })

  it('none for headless services, hosts outside the cluster, or no cluster port', () => {
    expect(serviceAddress(storeWith('None'), { destinationService: HOST, cluster: CLUSTER })).toBeUndefined()
    expect(serviceAddress(storeWith('10.96.12.7'), { destinationService: 'example.com', cluster: 'outbound|443||example.com' })).toBeUndefined()
    expect(serviceAddress(storeWith('10.96.12.7'), { destinationService: HOST, cluster: undefined })).toBeUndefined()
    expect(serviceAddress(storeWith('10.96.12.7'), { destinationService: undefined, cluster: CLUSTER })).toBeUndefined()
  })
})
