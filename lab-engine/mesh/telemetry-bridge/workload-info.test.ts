import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../cluster/types'
import { destinationServiceOf, principalOf, workloadInfoOf, workloadName } from './workload-info'

function pod(name: string, extra: { labels?: Record<string, string>; owner?: { kind: string; name: string }; sa?: string; ns?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: extra.ns ?? 'default', uid: `uid-${name}`, labels: extra.labels ?? {},
      ...(extra.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: extra.owner.kind, name: extra.owner.name, uid: 'o', controller: true }] } : {}),
    },
    spec: { ...(extra.sa ? { serviceAccountName: extra.sa } : {}), containers: [] },
    status: { podIP: '10.244.0.7' },
  } as unknown as KubeObject
}

describe('workload facts (Istio metric labels)', () => {
  it('a ReplicaSet owner gives its Deployment name; other owners and bare pods give their own', () => {
    expect(workloadName(pod('reviews-v2-5b667bcbf8-x2k9p', { labels: { 'pod-template-hash': '5b667bcbf8' }, owner: { kind: 'ReplicaSet', name: 'reviews-v2-5b667bcbf8' } }))).toBe('reviews-v2')
    expect(workloadName(pod('web-0', { owner: { kind: 'StatefulSet', name: 'web' } }))).toBe('web')
    expect(workloadName(pod('plain'))).toBe('plain')
  })

  it('the principal is the SPIFFE id of the service account (default when unset)', () => {
    expect(principalOf(pod('a', { sa: 'bookinfo-reviews', ns: 'shop' }))).toBe('spiffe://cluster.local/ns/shop/sa/bookinfo-reviews')
    expect(principalOf(pod('b'))).toBe('spiffe://cluster.local/ns/default/sa/default')
  })

  it('app and version from labels; canonical labels kept when set, absent otherwise', () => {
    const w = workloadInfoOf(pod('r', { labels: { app: 'reviews', version: 'v3', 'service.istio.io/canonical-name': 'reviews-svc' } }))
    expect(w).toMatchObject({ app: 'reviews', version: 'v3', canonicalService: 'reviews-svc', namespace: 'default' })
    expect(w.canonicalRevision).toBeUndefined()
    expect(workloadInfoOf(pod('n', { labels: { 'app.kubernetes.io/name': 'web' } })).app).toBe('web')
  })

  it('destination services split into name and namespace; external hosts keep their name', () => {
    expect(destinationServiceOf('httpbin.foo.svc.cluster.local')).toEqual({ host: 'httpbin.foo.svc.cluster.local', name: 'httpbin', namespace: 'foo' })
    expect(destinationServiceOf('edition.cnn.com')).toEqual({ host: 'edition.cnn.com', name: 'edition.cnn.com', namespace: 'unknown' })
  })
})
