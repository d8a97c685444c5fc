import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSimSession } from '../sim/session'
import type { KubeObject } from '../cluster/types'
import { istioCrdNames } from './crds'
import { profileObjects } from './install-objects'
import { profileByName, PROFILES } from './profiles'

/** The store's objects keyed by identity, without resourceVersion (and generation/status, which controllers own). */
function comparable(objects: KubeObject[]): Record<string, unknown> {
  return Object.fromEntries(objects.map((o) => {
    const { resourceVersion: _rv, ...meta } = o.metadata
    return [`${o.apiVersion}/${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`, { ...o, metadata: meta }]
  }))
}

describe('install profiles', () => {
  it('demo has both gateways, default only ingress, minimal neither', () => {
    const deployments = (p: string) => profileObjects(profileByName(p)!).filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name)
    expect(deployments('demo')).toEqual(['istiod', 'istio-egressgateway', 'istio-ingressgateway'])
    expect(deployments('default')).toEqual(['istiod', 'istio-ingressgateway'])
    expect(deployments('minimal')).toEqual(['istiod'])
  })

  it('the ingress gateway is a LoadBalancer with the chart port names; demo adds tcp and tls', () => {
    const ports = (p: string) => {
      const svc = profileObjects(profileByName(p)!).find((o) => o.kind === 'Service' && o.metadata.name === 'istio-ingressgateway')!
      expect((svc.spec as { type: string }).type).toBe('LoadBalancer')
      return (svc.spec as { ports: { name: string; port: number }[] }).ports.map((x) => `${x.name}:${x.port}`)
    }
    expect(ports('demo')).toEqual(['status-port:15021', 'http2:80', 'https:443', 'tcp:31400', 'tls:15443'])
    expect(ports('default')).toEqual(['status-port:15021', 'http2:80', 'https:443'])
  })

  it('creates a CRD for every Istio kind', () => {
    expect(istioCrdNames()).toContain('virtualservices.networking.istio.io')
    expect(istioCrdNames()).toContain('telemetries.telemetry.istio.io')
    expect(new Set(istioCrdNames()).size).toBe(14)
  })
})

describe('install then uninstall --purge', () => {
  it('gives the LoadBalancer gateway an external IP and gateway pods no injected sidecar', async () => {
    const session = createSimSession({ seed: 3 })
    await session.run('kubectl label namespace istio-system istio-injection=enabled 2>/dev/null; istioctl install -y')
    const svc = session.store.get({ kind: 'Service', apiVersion: 'v1', namespace: 'istio-system', name: 'istio-ingressgateway' })!
    expect((svc.status as { loadBalancer: { ingress: { ip: string }[] } }).loadBalancer.ingress[0]!.ip).toMatch(/^172\.18\.255\./)
    const gw = session.store.list({ kind: 'Pod', namespace: 'istio-system', labelSelector: 'app=istio-ingressgateway' })
    expect(gw).toHaveLength(1)
    expect((gw[0]!.spec as { containers: { name: string }[] }).containers.map((c) => c.name)).toEqual(['istio-proxy'])
    session.dispose()
  })

  it('leaves the store as a fresh cluster has it, once istio-system is deleted as the docs say (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...PROFILES.map((p) => p.name)), fc.boolean(), fc.integer({ min: 0, max: 3 }), async (profile, label, resources) => {
      const session = createSimSession({ seed: 7 })
      const before = comparable(session.store.snapshot().objects)
      // Istio resources left in place: uninstall --purge must take them with the CRDs.
      const vs = Array.from({ length: resources }, (_, i) => `printf 'apiVersion: networking.istio.io/v1\\nkind: VirtualService\\nmetadata: {name: v${i}}\\nspec: {hosts: [a]}\\n' | kubectl apply -f - >/dev/null`)
      await session.run([
        `istioctl install --set profile=${profile} -y >/dev/null`,
        label ? 'kubectl label namespace default istio-injection=enabled >/dev/null; kubectl label namespace default istio-injection- >/dev/null' : 'true',
        ...vs,
      ].join('\n'))
      expect(session.store.list({ kind: 'VirtualService' })).toHaveLength(resources)
      expect(comparable(session.store.snapshot().objects)).not.toEqual(before)
      await session.run([
        'istioctl uninstall --purge -y >/dev/null',
        'kubectl delete namespace istio-system >/dev/null',
        'sleep 5',
      ].join('\n'))
      expect(comparable(session.store.snapshot().objects)).toEqual(before)
      session.dispose()
    }), { numRuns: 8 })
  }, 60_000)
})

describe('istioctl install -f with spec.meshConfig', () => {
  it('writes the IstioOperator meshConfig into the istio ConfigMap (REGISTRY_ONLY blocks unknown hosts)', async () => {
    const session = createSimSession({ seed: 1, files: { 'iop.yaml': 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  profile: demo\n  meshConfig:\n    outboundTrafficPolicy:\n      mode: REGISTRY_ONLY\n' } })
    const [install, mesh] = await session.run('istioctl install -f iop.yaml -y\nkubectl get configmap istio -n istio-system -o jsonpath={.data.mesh}')
    expect(install!.exitCode).toBe(0)
    expect(mesh!.stdout).toMatch(/outboundTrafficPolicy:\n\s+mode: REGISTRY_ONLY/)
    session.dispose()
  })
})
