import { describe, expect, it } from 'vitest'
import { mergedPolicy, resolvePolicy, selectDestinationRule, type SelectedRule } from './destination-rules'
import type { DestinationRuleSpec, IstioResource } from './istio-specs'
import { DEFAULT_MESH_SETTINGS } from './mesh-settings'

function rule(name: string, namespace: string, spec: DestinationRuleSpec, order = '1'): IstioResource<DestinationRuleSpec> {
  return { ref: { kind: 'DestinationRule', name, namespace }, spec, order: `${order}/${namespace}/${name}`, hosts: spec.host ? [spec.host.includes('.') ? spec.host : `${spec.host}.${namespace}.svc.cluster.local`] : [] }
}

const HOST = 'reviews.prod.svc.cluster.local'
const query = { proxyNamespace: 'web', proxyLabels: { app: 'front' }, serviceHost: HOST, serviceNamespace: 'prod' }

describe('selectDestinationRule', () => {
  it('prefers the exact host over a wildcard in the same namespace', () => {
    const chosen = selectDestinationRule([rule('wild', 'prod', { host: '*.prod.svc.cluster.local' }), rule('exact', 'prod', { host: 'reviews' })], query, DEFAULT_MESH_SETTINGS)
    expect(chosen?.ref.name).toBe('exact')
  })

  it('merges same-host rules of one namespace: subsets concatenate, the oldest trafficPolicy wins', () => {
    const chosen = selectDestinationRule([
      rule('b', 'prod', { host: 'reviews', subsets: [{ name: 'v2' }], trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } }, '2'),
      rule('a', 'prod', { host: 'reviews', subsets: [{ name: 'v1' }] }, '1'),
    ].sort((x, y) => x.order.localeCompare(y.order)), query, DEFAULT_MESH_SETTINGS)
    expect(chosen?.subsets.map((s) => s.name)).toEqual(['v1', 'v2'])
    expect(chosen?.trafficPolicy).toEqual({ loadBalancer: { simple: 'RANDOM' } })
  })

  it('skips rules not exported to the client and workload rules that do not select it', () => {
    const rules = [
      rule('private', 'prod', { host: 'reviews', exportTo: ['.'] }),
      rule('other-app', 'web', { host: HOST, workloadSelector: { matchLabels: { app: 'back' } } }),
      rule('root', 'istio-system', { host: '*.svc.cluster.local' }),
    ]
    expect(selectDestinationRule(rules, query, DEFAULT_MESH_SETTINGS)?.ref.name).toBe('root')
  })
})

describe('mergedPolicy and resolvePolicy', () => {
  const selected: SelectedRule = {
    ref: { kind: 'DestinationRule', name: 'r', namespace: 'prod' },
    key: 'prod/r',
    trafficPolicy: {
      connectionPool: { tcp: { maxConnections: 5 } },
      portLevelSettings: [{ port: { number: 9080 }, loadBalancer: { simple: 'ROUND_ROBIN' } }],
    },
    subsets: [{ name: 'v1', labels: { version: 'v1' }, trafficPolicy: { outlierDetection: { consecutiveErrors: 2 }, portLevelSettings: [{ port: { number: 9080 }, connectionPool: { http: { http2MaxRequests: 3 } } }] } }],
  }

  it('applies port-level settings only on their port', () => {
    expect(resolvePolicy(mergedPolicy(selected, undefined, 9080)).loadBalancer).toEqual({ kind: 'simple', simple: 'ROUND_ROBIN' })
    expect(resolvePolicy(mergedPolicy(selected, undefined, 8080)).loadBalancer).toEqual({ kind: 'simple', simple: 'LEAST_REQUEST' })
  })

  it('a subset port-level connection pool replaces the whole inherited pool', () => {
    const v1 = resolvePolicy(mergedPolicy(selected, 'v1', 9080))
    expect(v1.connectionPool).toEqual({ connectTimeoutMs: 10_000, http2MaxRequests: 3 })
    expect(resolvePolicy(mergedPolicy(selected, 'v1', 8080)).connectionPool.maxConnections).toBe(5)
  })

  it('deprecated consecutiveErrors counts gateway errors only, with Istio defaults for the rest', () => {
    expect(resolvePolicy(mergedPolicy(selected, 'v1', 9080)).outlierDetection).toEqual({ consecutiveGatewayErrors: 2, intervalMs: 10_000, baseEjectionTimeMs: 30_000, maxEjectionPercent: 10, minHealthPercent: 0 })
    expect(resolvePolicy({ outlierDetection: { interval: '5s' } }).outlierDetection?.consecutive5xxErrors).toBe(5)
  })

  it('maps consistentHash to a hash key', () => {
    expect(resolvePolicy({ loadBalancer: { consistentHash: { httpHeaderName: 'X-User' } } }).loadBalancer).toEqual({ kind: 'consistentHash', hash: { kind: 'header', name: 'x-user' } })
  })
})
