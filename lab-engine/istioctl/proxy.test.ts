import { describe, expect, it } from 'vitest'
import { createSimSession } from '../sim/session'
import { harness } from './harness.test-util'
import type { ProxyConfigQuery, ProxyConfigSource } from './proxy-config-source'

class RecordingSource implements ProxyConfigSource {
  readonly queries: ProxyConfigQuery[] = []
  proxyConfig(q: ProxyConfigQuery): string {
    this.queries.push(q)
    if (q.kind === 'secret') throw new Error('secret dump not available')
    return `table for ${q.kind} of ${q.pod}.${q.namespace}\n`
  }
  describeRoutes(pod: string): string {
    return `VirtualService: ${pod}-routes\n`
  }
}

async function meshed(source?: ProxyConfigSource) {
  const h = harness(source ? { proxyConfig: source } : {})
  await h.sh('istioctl install -y >/dev/null\nkubectl create ns shop\nkubectl label ns shop istio-injection=enabled\nkubectl run web -n shop --image=nginx --port=8080 --labels=app=web\nkubectl expose pod web -n shop --port=80 --target-port=8080 --name=web\nkubectl run plain --image=nginx\nsleep 10')
  return h
}

describe('proxy-config', () => {
  it('delegates the table to the registered source, with the pod from name.ns or -n', async () => {
    const source = new RecordingSource()
    const h = await meshed(source)
    expect(await h.istioctl(['proxy-config', 'listeners', 'web.shop'])).toEqual({ stdout: 'table for listeners of web.shop\n', stderr: '', code: 0 })
    expect((await h.istioctl(['pc', 'cluster', 'web', '-n', 'shop', '--fqdn', 'x'])).stdout).toBe('table for clusters of web.shop\n')
    expect(source.queries[1]!.flags.get('fqdn')).toEqual(['x'])
    expect(await h.istioctl(['pc', 'secret', 'web.shop'])).toMatchObject({ code: 1, stderr: 'Error: secret dump not available\n' })
    await h.sh('kubectl create deployment api -n shop --image=nginx\nsleep 10')
    expect((await h.istioctl(['pc', 'routes', 'deploy/api', '-n', 'shop'])).stdout).toMatch(/^table for routes of api-[a-z0-9]+-[a-z0-9]{5}\.shop\n$/)
    expect((await h.istioctl(['pc', 'routes', 'deployment/nope.shop'])).stderr).toBe('Error: deployments.apps "nope" not found\n')
  })

  it('refuses pods without a sidecar and says so when no source can reach the proxy', async () => {
    const h = await meshed()
    expect((await h.istioctl(['pc', 'routes', 'plain'])).stderr).toMatch(/container not found \("istio-proxy"\)/)
    const r = await h.istioctl(['pc', 'routes', 'web.shop'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/^Error: failed to execute command on sidecar: error execing into web\/shop istio-proxy container/)
    expect((await h.istioctl(['pc', 'routes'])).stderr).toBe('Error: route requires pod name or --file parameter\n')
  })
})

describe('proxy-status and x describe', () => {
  it('lists injected pods and gateways as SYNCED', async () => {
    const h = await meshed()
    const out = (await h.istioctl(['proxy-status'])).stdout.split('\n')
    expect(out[0]).toMatch(/^NAME\s+CLUSTER\s+CDS\s+LDS\s+EDS\s+RDS\s+ECDS\s+ISTIOD\s+VERSION$/)
    expect(out.filter((l) => l.startsWith('web.shop '))[0]).toMatch(/Kubernetes\s+SYNCED \(\d+s\)\s+SYNCED.*IGNORED\s+istiod-\S+\s+1\.26\.2$/)
    expect(out.some((l) => l.startsWith('plain.'))).toBe(false)
    expect(out.filter((l) => l.includes('.istio-system '))).toHaveLength(1)
  })

  it('describes pod ports, the selecting service and the source routes', async () => {
    const h = await meshed(new RecordingSource())
    const r = await h.istioctl(['x', 'describe', 'pod', 'web', '-n', 'shop'])
    expect(r.stdout).toBe('Pod: web\n   Pod Revision: default\n   Pod Ports: 8080 (web), 15090 (istio-proxy)\n--------------------\nService: web\n   Port:  80/auto-detect targets pod port 8080\nVirtualService: web-routes\n')
    expect((await h.istioctl(['x', 'describe', 'pod', 'plain'])).stdout).toMatch(/WARNING: plain\.default is not part of mesh; no Istio sidecar\n$/)
  })
})

describe('session wiring', () => {
  it('createSimSession({ proxyConfig }) builds the source over the session store and istioctl uses it', async () => {
    let seenStore: unknown
    const session = createSimSession({ seed: 2, proxyConfig: ({ store }) => { seenStore = store; return new RecordingSource() } })
    const results = await session.run('istioctl install -y >/dev/null\nkubectl label ns default istio-injection=enabled >/dev/null\nkubectl run web --image=nginx >/dev/null\nistioctl pc endpoints web')
    expect(seenStore).toBe(session.store)
    expect(results.at(-1)).toMatchObject({ stdout: 'table for endpoints of web.default\n', exitCode: 0 })
    session.dispose()
  })
})
