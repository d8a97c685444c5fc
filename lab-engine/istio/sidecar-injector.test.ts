import { describe, expect, it } from 'vitest'
import { createSimSession } from '../sim/session'
import type { KubeObject } from '../cluster/types'
import { PROXY_IMAGE } from './version'

type Container = { name: string; image: string; ports?: { containerPort: number; name?: string }[]; readinessProbe?: { httpGet: { path: string; port: number } } }

function containersOf(pod: KubeObject, field: 'containers' | 'initContainers' = 'containers'): Container[] {
  return ((pod.spec as Record<string, Container[]>)[field] ?? [])
}

async function sessionWithPod(setup: string) {
  const session = createSimSession({ seed: 5 })
  await session.run(setup)
  return session
}

describe('sidecar injection on Pod create', () => {
  it('injects istio-init and istio-proxy, labels and the status annotation in a labelled namespace', async () => {
    const session = await sessionWithPod('istioctl install -y >/dev/null\nkubectl label ns default istio-injection=enabled\nkubectl run web --image=nginx --labels=app=web,version=v2 --port=80')
    const pod = session.store.get({ kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: 'web' })!
    expect(containersOf(pod).map((c) => c.name)).toEqual(['web', 'istio-proxy'])
    expect(containersOf(pod, 'initContainers').map((c) => c.name)).toEqual(['istio-init'])
    const proxy = containersOf(pod)[1]!
    expect(proxy.image).toBe(PROXY_IMAGE)
    expect(proxy.ports).toEqual([{ containerPort: 15090, name: 'http-envoy-prom', protocol: 'TCP' }])
    expect(proxy.readinessProbe?.httpGet).toMatchObject({ path: '/healthz/ready', port: 15021 })
    expect(pod.metadata.labels).toMatchObject({ 'security.istio.io/tlsMode': 'istio', 'service.istio.io/canonical-name': 'web', 'service.istio.io/canonical-revision': 'v2' })
    expect(JSON.parse(pod.metadata.annotations!['sidecar.istio.io/status']!)).toMatchObject({ initContainers: ['istio-init'], containers: ['istio-proxy'] })
    session.dispose()
  })

  it('does nothing before Istio is installed, even in a labelled namespace', async () => {
    const session = await sessionWithPod('kubectl label ns default istio-injection=enabled\nkubectl run web --image=nginx')
    const pod = session.store.get({ kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: 'web' })!
    expect(containersOf(pod).map((c) => c.name)).toEqual(['web'])
    expect(pod.metadata.annotations?.['sidecar.istio.io/status']).toBeUndefined()
    session.dispose()
  })

  it('injects pods a Deployment creates, and they become READY 2/2', async () => {
    const session = await sessionWithPod('istioctl install -y >/dev/null\nkubectl label ns default istio-injection=enabled\nkubectl create deployment api --image=nginx --replicas=2\nsleep 30')
    const out = (await session.run('kubectl get pods -l app=api --no-headers'))[0]!.stdout
    expect(out.trim().split('\n').map((l) => l.split(/\s+/).slice(1, 3).join(' '))).toEqual(['2/2 Running', '2/2 Running'])
    const pod = session.store.list({ kind: 'Pod', namespace: 'default', labelSelector: 'app=api' })[0]!
    const init = (pod.status as { initContainerStatuses: { name: string; state: { terminated: { reason: string } } }[] }).initContainerStatuses
    expect(init.map((c) => `${c.name} ${c.state.terminated.reason}`)).toEqual(['istio-init Completed'])
    session.dispose()
  })

  it('describe shows both containers', async () => {
    const session = await sessionWithPod('istioctl install -y >/dev/null\nkubectl label ns default istio-injection=enabled\nkubectl run web --image=nginx\nsleep 10')
    const out = (await session.run('kubectl describe pod web'))[0]!.stdout
    // (kubectl describe does not print Init Containers yet; that is the describe verb's to add.)
    expect(out).toMatch(/\n {2}web:\n/)
    expect(out).toMatch(/\n {2}istio-proxy:\n/)
    session.dispose()
  })
})

describe('pods created before the namespace was labelled', () => {
  it('keep 1/1 until the Deployment is restarted, then come back 2/2', async () => {
    const session = await sessionWithPod('istioctl install -y >/dev/null\nkubectl create deployment api --image=nginx\nsleep 10\nkubectl label ns default istio-injection=enabled')
    const ready = async () => (await session.run('kubectl get pods -l app=api --no-headers'))[0]!.stdout.trim().split('\n').map((l) => l.split(/\s+/)[1])
    expect(await ready()).toEqual(['1/1'])
    await session.run('kubectl rollout restart deployment api\nsleep 60')
    expect(await ready()).toEqual(['2/2'])
    session.dispose()
  })
})
