import { describe, expect, it } from 'vitest'
import { authorizationPoliciesFor, peerAuthenticationsFor, requestAuthenticationsFor, scopeOf } from './policy-selection'
import { ap, pa, ra } from './test-fixtures'

const names = (list: { metadata: { namespace?: string; name: string } }[]) => list.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
const httpbinFoo = { namespace: 'foo', labels: { app: 'httpbin', version: 'v1' } }
const sleepFoo = { namespace: 'foo', labels: { app: 'sleep' } }

describe('policy selection (Istio Authentication Policy / Authorization concepts)', () => {
  const policies = [
    pa('istio-system', 'default', { mtls: { mode: 'STRICT' } }),
    pa('foo', 'default', { mtls: { mode: 'PERMISSIVE' } }),
    pa('foo', 'httpbin', { selector: { matchLabels: { app: 'httpbin' } }, mtls: { mode: 'DISABLE' } }),
    pa('bar', 'default', { mtls: { mode: 'STRICT' } }),
  ]

  it('a root-namespace policy applies mesh-wide, a namespace policy only to its namespace', () => {
    expect(names(peerAuthenticationsFor(policies, sleepFoo))).toEqual(['foo/default', 'istio-system/default'])
    expect(names(peerAuthenticationsFor(policies, { namespace: 'legacy', labels: {} }))).toEqual(['istio-system/default'])
  })

  it('a workload selector needs every matchLabels pair on the pod', () => {
    expect(names(peerAuthenticationsFor(policies, httpbinFoo))).toContain('foo/httpbin')
    expect(names(peerAuthenticationsFor(policies, sleepFoo))).not.toContain('foo/httpbin')
    const strict = [ap('foo', 'v2-only', { selector: { matchLabels: { app: 'httpbin', version: 'v2' } } })]
    expect(authorizationPoliciesFor(strict, httpbinFoo)).toEqual([])
  })

  it('honours a non-default root namespace', () => {
    const list = [pa('mesh-root', 'default', {}), pa('istio-system', 'default', {})]
    expect(names(peerAuthenticationsFor(list, sleepFoo, 'mesh-root'))).toEqual(['mesh-root/default'])
  })

  it('orders AuthorizationPolicies root namespace first, each namespace oldest first', () => {
    const list = [
      ap('foo', 'newer', {}, '2026-01-01T00:00:10Z'),
      ap('foo', 'older', {}, '2026-01-01T00:00:05Z'),
      ap('istio-system', 'global', {}, '2026-01-01T00:00:20Z'),
      ap('bar', 'elsewhere', {}),
    ]
    expect(names(authorizationPoliciesFor(list, sleepFoo))).toEqual(['istio-system/global', 'foo/older', 'foo/newer'])
  })

  it('a root-namespace policy with a selector applies to matching workloads in every namespace (authorization.go)', () => {
    const list = [ra('istio-system', 'jwt-example', { selector: { matchLabels: { istio: 'ingressgateway' } } })]
    const gateway = { namespace: 'istio-system', labels: { istio: 'ingressgateway', app: 'istio-ingressgateway' } }
    expect(names(requestAuthenticationsFor(list, gateway))).toEqual(['istio-system/jwt-example'])
    expect(requestAuthenticationsFor(list, httpbinFoo)).toEqual([])
  })

  it('a targetRef policy never applies to a sidecar, only to the gateway it names', () => {
    const list = [
      ap('istio-system', 'gw-classic', { targetRef: { group: 'networking.istio.io', kind: 'Gateway', name: 'httpbin-gateway' } }),
      ap('foo', 'gw-api', { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'waypoint-free' }] }),
    ]
    expect(authorizationPoliciesFor(list, httpbinFoo)).toEqual([])
    const classic = { namespace: 'istio-system', labels: { istio: 'ingressgateway' }, gateways: [{ namespace: 'istio-system', name: 'httpbin-gateway' }] }
    expect(names(authorizationPoliciesFor(list, classic))).toEqual(['istio-system/gw-classic'])
    const k8sGw = { namespace: 'foo', labels: { 'gateway.networking.k8s.io/gateway-name': 'waypoint-free' } }
    expect(names(authorizationPoliciesFor(list, k8sGw))).toEqual(['foo/gw-api'])
  })

  it('names the scope: mesh, namespace or workload', () => {
    expect(policies.map((p) => scopeOf(p))).toEqual(['mesh', 'namespace', 'workload', 'namespace'])
  })
})
