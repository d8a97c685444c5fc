import { afterEach, describe, expect, it } from 'vitest'
import { createSimSession, type SimSession } from '../sim/session'
import { imageProfile } from './images'
import { execInContainer, MAX_NESTED_SHELLS, type ContainerTarget } from './pod-shell'
import type { ContainerSpec } from './pod-env'

let session: SimSession | undefined
afterEach(() => session?.dispose())

const CLIENT = `apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {MODE: fast}
---
apiVersion: v1
kind: Secret
metadata: {name: creds}
data: {TOKEN: c2VjcmV0}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  containers:
  - name: client
    image: curlimages/curl:8.11.1
    command: [sleep, infinity]
    env:
    - {name: GREETING, value: hello}
    - name: MODE
      valueFrom: {configMapKeyRef: {name: settings, key: MODE}}
    - name: TOKEN
      valueFrom: {secretKeyRef: {name: creds, key: TOKEN}}
    - name: MY_POD
      valueFrom: {fieldRef: {fieldPath: metadata.name}}
`

async function setup(): Promise<SimSession> {
  session = createSimSession({ seed: 11, files: { 'client.yaml': CLIENT } })
  await session.run('kubectl create deployment web --image=nginx --port=80\nkubectl expose deployment web --port=80\nkubectl apply -f client.yaml\nsleep 5')
  return session
}

function target(s: SimSession, name = 'client'): ContainerTarget {
  const pod = s.store.get({ kind: 'Pod', name, namespace: 'default' })!
  const container = (pod.spec as { containers: ContainerSpec[] }).containers[0]!
  return { store: s.store, pod, container, clock: s.shell.clock }
}

async function exec(t: ContainerTarget, argv: string[], stdin = '') {
  let stdout = '', stderr = ''
  const outcome = await execInContainer(t, argv, { stdin, stdout: { write: (x) => { stdout += x } }, stderr: { write: (x) => { stderr += x } }, signal: new AbortController().signal })
  return { outcome, stdout, stderr }
}

describe('pod shell', () => {
  it('writes the kubelet-managed files with the pod IP, hostname and search path', async () => {
    const s = await setup()
    const t = target(s)
    const ip = (t.pod.status as { podIP: string }).podIP
    const r = await exec(t, ['cat', '/etc/hosts', '/etc/resolv.conf', '/etc/hostname'])
    expect(r.stdout).toContain(`# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n`)
    expect(r.stdout).toContain(`${ip}\tclient\n`)
    expect(r.stdout).toContain('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n')
    expect(r.stdout.endsWith('client\n')).toBe(true)
  })

  it('sets env from the spec, ConfigMaps, Secrets, the downward API and service links', async () => {
    const s = await setup()
    const r = await exec(target(s), ['env'])
    const web = (s.store.get({ kind: 'Service', name: 'web', namespace: 'default' })!.spec as { clusterIP: string }).clusterIP
    for (const line of ['GREETING=hello', 'MODE=fast', 'TOKEN=secret', 'MY_POD=client', 'HOSTNAME=client', `WEB_SERVICE_HOST=${web}`, 'WEB_SERVICE_PORT=80',
      `WEB_PORT_80_TCP=tcp://${web}:80`, 'KUBERNETES_SERVICE_HOST=10.96.0.1', 'KUBERNETES_SERVICE_PORT=443']) {
      expect(r.stdout.split('\n')).toContain(line)
    }
  })

  it('leaves out services created after the pod', async () => {
    const s = await setup()
    await s.run('kubectl create deployment late --image=nginx\nkubectl expose deployment late --port=8080')
    expect((await exec(target(s), ['env'])).stdout).not.toContain('LATE_SERVICE_HOST')
  })

  it('runs only programs the image has: curl in curlimages/curl, no wget in nginx', async () => {
    const s = await setup()
    expect((await exec(target(s), ['curl', '-s', 'nope'])).outcome).toEqual({ kind: 'exited', code: 6 })
    const webPod = s.store.list({ kind: 'Pod', namespace: 'default', labelSelector: 'app=web' })[0]!
    expect((await exec(target(s, webPod.metadata.name), ['wget', 'web'])).outcome).toEqual({ kind: 'not-found', program: 'wget' })
    expect((await exec(target(s, webPod.metadata.name), ['/bin/sh', '-c', 'wget web'])).stderr).toBe('bash: wget: command not found\n')
    expect((await exec(target(s), ['sh', '-c', 'nosuch'])).stderr).toBe('sh: nosuch: not found\n')
  })

  it('keeps files between execs in the same container and reads scripts from stdin', async () => {
    const s = await setup()
    await exec(target(s), ['sh', '-c', 'echo kept > /tmp/note'])
    expect((await exec(target(s), ['cat', '/tmp/note'])).stdout).toBe('kept\n')
    expect((await exec(target(s), ['sh'], 'echo from-stdin; exit 3')).outcome).toEqual({ kind: 'exited', code: 3 })
  })

  it('bounds nested shells', async () => {
    const s = await setup()
    const r = await exec(target(s), ['sh', '-c', 'export X=\'sh -c "$X"\'; sh -c "$X"'])
    expect(r.stderr).toContain('sh: fork: retry: Resource temporarily unavailable')
    expect(MAX_NESTED_SHELLS).toBeGreaterThan(1)
  })

  it('follows each image: productpage has python but no curl, fortio has only fortio, istio-proxy has curl', () => {
    expect(imageProfile('docker.io/istio/examples-bookinfo-productpage-v1:1.20.2').programs).toContain('python')
    expect(imageProfile('docker.io/istio/examples-bookinfo-productpage-v1:1.20.2').programs).not.toContain('curl')
    expect(imageProfile('docker.io/istio/examples-bookinfo-ratings-v1:1.20.2').programs).toContain('curl')
    expect(imageProfile('fortio/fortio:latest_release').programs).toEqual(['fortio'])
    expect(imageProfile('docker.io/istio/proxyv2:1.26.0').programs).toEqual(expect.arrayContaining(['curl', 'pilot-agent']))
  })
})
