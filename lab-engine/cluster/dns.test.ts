import { afterEach, describe, expect, it } from 'vitest'
import { createSimSession, type SimSession } from '../sim/session'
import { KUBERNETES_SERVICE_IP } from './bootstrap'
import { resolveName, searchDomains } from './dns'

let session: SimSession | undefined
afterEach(() => session?.dispose())

async function cluster(script: string, files: Record<string, string> = {}): Promise<SimSession> {
  session = createSimSession({ seed: 7, files })
  await session.run(script)
  return session
}

const clusterIpOf = (s: SimSession, name: string, namespace: string) =>
  (s.store.get({ kind: 'Service', name, namespace })!.spec as { clusterIP: string }).clusterIP

describe('cluster DNS', () => {
  it('resolves a service by short, namespaced and full names from its own namespace', async () => {
    const s = await cluster('kubectl create namespace shop\nkubectl create deployment web -n shop --image=nginx\nkubectl expose deployment web -n shop --port=80')
    const ip = clusterIpOf(s, 'web', 'shop')
    expect(ip).toMatch(/^10\.\d+\.\d+\.\d+$/)
    for (const name of ['web', 'web.shop', 'web.shop.svc', 'web.shop.svc.cluster.local', 'WEB.shop.svc.cluster.local.']) {
      expect(resolveName(s.store, name, { namespace: 'shop' })).toEqual({ kind: 'found', name: 'web.shop.svc.cluster.local', addresses: [ip] })
    }
  })

  it('does not find a short name from another namespace, but finds name.namespace', async () => {
    const s = await cluster('kubectl create namespace shop\nkubectl create deployment web -n shop --image=nginx\nkubectl expose deployment web -n shop --port=80')
    expect(resolveName(s.store, 'web', { namespace: 'default' }).kind).toBe('nxdomain')
    expect(resolveName(s.store, 'web.shop', { namespace: 'default' }).kind).toBe('found')
  })

  it('answers kubernetes.default and NXDOMAIN for unknown names, and nothing cluster-internal without a search path', async () => {
    const s = await cluster('true')
    expect(resolveName(s.store, 'kubernetes.default', { namespace: 'istio-system' })).toMatchObject({ kind: 'found', addresses: [KUBERNETES_SERVICE_IP] })
    expect(resolveName(s.store, 'nope', { namespace: 'default' })).toEqual({ kind: 'nxdomain', name: 'nope' })
    expect(resolveName(s.store, 'kubernetes.default.svc.cluster.local').kind).toBe('nxdomain')
    expect(resolveName(s.store, '172.18.255.200')).toMatchObject({ kind: 'found', addresses: ['172.18.255.200'] })
  })

  it('answers a headless service with the IPs of its ready pods', async () => {
    const s = await cluster([
      'kubectl create deployment db --image=nginx --replicas=2',
      'kubectl rollout status deployment/db',
      'kubectl apply -f db-svc.yaml',
    ].join('\n'), { 'db-svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector: {app: db}\n  ports:\n  - port: 5432\n' })
    const podIps = s.store.list({ kind: 'Pod', namespace: 'default' }).map((p) => (p.status as { podIP: string }).podIP).sort()
    expect(podIps).toHaveLength(2)
    expect(resolveName(s.store, 'db', { namespace: 'default' })).toEqual({ kind: 'found', name: 'db.default.svc.cluster.local', addresses: podIps })
  })

  it('uses /etc/hosts first and bounds the name length', async () => {
    const s = await cluster('true')
    expect(resolveName(s.store, 'client', { namespace: 'default', hosts: { client: '10.244.0.9' } })).toMatchObject({ addresses: ['10.244.0.9'] })
    expect(resolveName(s.store, 'a'.repeat(300), { namespace: 'default' }).kind).toBe('nxdomain')
    expect(searchDomains('shop')).toEqual(['shop.svc.cluster.local', 'svc.cluster.local', 'cluster.local'])
  })
})
