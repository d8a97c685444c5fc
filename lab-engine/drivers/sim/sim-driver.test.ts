import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HostTimers } from '../../core/clock'
import { DriverError, type ClusterDriver } from '../cluster-driver'
import type { EngineEvent } from '../engine-event'
import { SimDriver } from './sim-driver'

const HTTPBIN = `apiVersion: v1
kind: Service
metadata: { name: httpbin, labels: { app: httpbin } }
spec:
  ports: [{ name: http, port: 8000, targetPort: 80 }]
  selector: { app: httpbin }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: httpbin }
spec:
  selector: { matchLabels: { app: httpbin } }
  template:
    metadata: { labels: { app: httpbin } }
    spec:
      containers: [{ name: httpbin, image: docker.io/kennethreitz/httpbin, ports: [{ containerPort: 80 }] }]
`
const SLEEP = 'kubectl create deployment sleep --image=curlimages/curl -- sleep infinity\n'

let driver: SimDriver | undefined
afterEach(async () => {
  await driver?.stop()
  driver = undefined
})

async function started(setup = ''): Promise<SimDriver> {
  driver = new SimDriver()
  await driver.start({ seed: 1, setup, mode: 'grading' })
  return driver
}

async function readyHttpbin(d: ClusterDriver) {
  expect((await d.apply(HTTPBIN + '---\n')).exitCode).toBe(0)
  await d.settle!(30_000)
}

describe('SimDriver', () => {
  it('exec runs argv in the named container and reports its exit status and simulated time', async () => {
    const d = await started(SLEEP + 'kubectl rollout status deployment/sleep\n')
    const r = await d.exec({ namespace: 'default', selector: 'app=sleep' }, ['sh', '-c', 'echo hi; sleep 2; exit 3'])
    expect(r).toMatchObject({ stdout: 'hi\n', exitCode: 3, elapsedMs: 2000 })
  })

  it('exec past its timeout is stopped and reported as exit 124', async () => {
    const d = await started(SLEEP + 'kubectl rollout status deployment/sleep\n')
    const r = await d.exec({ namespace: 'default', selector: 'app=sleep' }, ['sleep', '30'], { timeoutMs: 5_000 })
    expect(r.exitCode).toBe(124)
    expect(r.elapsedMs).toBe(5_000)
  })

  it.each([
    [{ namespace: 'default', name: 'ghost' }, /pods "ghost" not found in namespace default/],
    [{ namespace: 'default', selector: 'app=ghost' }, /no running pod in namespace default matches app=ghost/],
    [{ namespace: 'default', selector: 'app in (' }, /bad label selector/],
    [{ namespace: 'default' }, /needs a name or a label selector/],
  ])('exec refuses an unusable pod reference %j with a DriverError', async (ref, message) => {
    const d = await started()
    await expect(d.exec(ref, ['true'])).rejects.toThrow(message)
    await expect(d.exec(ref, ['true'])).rejects.toBeInstanceOf(DriverError)
  })

  it('probeHttp answers from the data plane: a pod-to-service request and an external one', async () => {
    const d = await started(SLEEP + 'kubectl rollout status deployment/sleep\n')
    await readyHttpbin(d)
    const inside = await d.probeHttp({ namespace: 'default', selector: 'app=sleep' }, { url: 'http://httpbin:8000/status/418', method: 'GET' })
    expect(inside).toMatchObject({ status: 418, curlExit: 0 })
    const refused = await d.probeHttp({ namespace: 'default', selector: 'app=sleep' }, { url: 'http://httpbin:8000/get'.replace('8000', '8001') })
    expect(refused.status).toBe(0)
    expect([6, 7, 28]).toContain(refused.curlExit)
    const outside = await d.probeHttp('outside', { url: 'http://no-such-host.example/' })
    expect(outside).toMatchObject({ status: 0, curlExit: 6 })
  })

  it('probeHttp refuses a URL it cannot send', async () => {
    const d = await started()
    await expect(d.probeHttp('outside', { url: 'productpage:9080' })).rejects.toThrow(/not an absolute URL|scheme/)
    await expect(d.probeHttp('outside', { url: 'ftp://x/' })).rejects.toThrow(/scheme ftp: is not http or https/)
  })

  it('a failing setup statement fails start() naming the statement and its error', async () => {
    driver = new SimDriver()
    await expect(driver.start({ setup: 'kubectl apply -f missing.yaml\n' })).rejects.toThrow(/lab setup failed: `kubectl apply -f missing.yaml` exited with 1:\nerror: the path "missing.yaml" does not exist/)
  })

  it('files from the spec are in the home directory; writeFile and readFile round-trip', async () => {
    const d = await new SimDriver()
    driver = d
    await d.start({ files: { 'lab/start.yaml': 'kind: Namespace\n' } })
    expect(await d.readFile('lab/start.yaml')).toBe('kind: Namespace\n')
    await d.writeFile('/home/learner/new/dir/x.txt', 'hello')
    expect(await d.readFile('new/dir/x.txt')).toBe('hello')
    await expect(d.readFile('nope.txt')).rejects.toThrow(/nope.txt: No such file/)
  })

  it('queryMetric answers PromQL over the session telemetry and rejects bad queries as DriverErrors', async () => {
    const d = await started('istioctl install --set profile=demo -y\nkubectl label namespace default istio-injection=enabled\n' + SLEEP + 'kubectl rollout status deployment/sleep\n')
    await readyHttpbin(d)
    for (let i = 0; i < 3; i++) await d.probeHttp({ namespace: 'default', selector: 'app=sleep' }, { url: 'http://httpbin:8000/status/503' })
    // Prometheus sees the proxies' counters at its next scrape, as on a real cluster.
    await d.settle(30_000)
    const count = async (reporter: string) => {
      const r = await d.queryMetric(`sum(istio_requests_total{reporter="${reporter}",destination_app="httpbin",response_code="503"})`)
      expect(r.resultType).toBe('vector')
      return (r.result as { value: [number, string] }[])[0]?.value[1]
    }
    // Istio's default retry policy retries a 503 twice: the server saw 9 attempts; the client reports its 3 requests once each.
    expect(await count('destination')).toBe('9')
    expect(await count('source')).toBe('3')
    await expect(d.queryMetric('sum(')).rejects.toBeInstanceOf(DriverError)
  })

  it('streams resource events and `kubectl edit` as a ui event that a save completes', async () => {
    const d = await started()
    const seen: EngineEvent[] = []
    const reading = (async () => { for await (const e of d.events()) { seen.push(e); if (e.type === 'ui') break } })()
    await d.apply('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: settings }\ndata: { color: blue }\n')
    expect(seen).toContainEqual(expect.objectContaining({ type: 'resource', change: 'added', kind: 'ConfigMap', name: 'settings', namespace: 'default' }))
    const terminal = d.openTerminal({ cols: 100, rows: 30 })
    let screen = ''
    terminal.onData((s) => (screen += s))
    terminal.write('kubectl edit configmap settings\r')
    await reading
    const ui = seen.find((e) => e.type === 'ui')
    expect(ui).toMatchObject({ type: 'ui', action: { action: 'open-editor', title: expect.stringContaining('settings') } })
    const path = (ui as { action: { path: string } }).action.path
    await d.writeFile(path, (await d.readFile(path)).replace('color: blue', 'color: red'))
    await d.settle(100)
    expect((await d.get({ kind: 'ConfigMap', namespace: 'default', name: 'settings' }))?.data).toEqual({ color: 'red' })
    expect(screen).toContain('configmap/settings edited')
    terminal.dispose()
  })

  it('the terminal runs the learner shell with a prompt and keeps the first prompt for a late listener', async () => {
    const d = await started()
    const t = d.openTerminal({ cols: 80, rows: 24 })
    let screen = ''
    t.onData((s) => (screen += s))
    expect(screen).toContain('learner@mesh-dojo:~$ ')
    t.write('echo "hi $USER"\r')
    await vi.waitFor(() => expect(screen).toContain('\r\nhi learner\r\nlearner@mesh-dojo:~$ '))
    let exited: number | undefined
    t.onExit((code) => (exited = code))
    t.write('exit 4\r')
    await vi.waitFor(() => expect(exited).toBe(4))
  })

  it('reset returns to the post-setup state and snapshot/restore carries work into a new driver', async () => {
    const d = await started('kubectl create namespace lab\n')
    await d.apply('apiVersion: v1\nkind: ConfigMap\nmetadata: { name: work, namespace: lab }\n')
    await d.writeFile('notes.txt', 'mine')
    const snap = await d.snapshot()
    const copy = new SimDriver()
    await copy.restore(JSON.parse(JSON.stringify(snap)))
    expect(await copy.get({ kind: 'ConfigMap', namespace: 'lab', name: 'work' })).not.toBeNull()
    expect(await copy.readFile('notes.txt')).toBe('mine')
    await copy.reset()
    expect(await copy.get({ kind: 'ConfigMap', namespace: 'lab', name: 'work' })).toBeNull()
    expect(await copy.get({ kind: 'Namespace', name: 'lab' })).not.toBeNull()
    await copy.stop()
    await expect(copy.get({ kind: 'Namespace', name: 'lab' })).rejects.toThrow(/not started/)
  })

  it('interactive sessions need host timers and then run in real time after a virtual-time setup', async () => {
    await expect(new SimDriver().start({ mode: 'interactive' })).rejects.toThrow(/need host timers/)
    let wall = Date.UTC(2026, 10, 24, 12)
    const host: HostTimers = { now: () => wall, setTimeout: () => 0, clearTimeout: () => {} }
    driver = new SimDriver({ host })
    await driver.start({ mode: 'interactive', setup: 'kubectl create namespace lab\nsleep 60\n' })
    const ns = await driver.get({ kind: 'Namespace', name: 'lab' })
    // Setup ran on virtual time starting at the host's now, so ages read right in real time.
    expect(ns?.metadata.creationTimestamp).toBe('2026-11-24T12:00:00Z')
    expect(driver.session.mode).toBe('realtime')
    wall += 5_000
    expect(driver.session.clock.now()).toBe(Date.UTC(2026, 10, 24, 12, 1, 5))
  })
})

describe('SimDriver.fork', () => {
  it('carries the Envoy counters the learner has not read yet into the grader\'s copy', async () => {
    const { sampleFiles } = await import('../../cli')
    const path = await import('node:path')
    const { CIRCUIT_BREAKER_RULE } = await import('../../mesh/scenarios/istio-task-manifests.test-util')
    driver = new SimDriver()
    await driver.start({
      mode: 'grading', files: sampleFiles(path.resolve(import.meta.dirname, '../../../content/samples')),
      setup: 'istioctl install --set profile=demo -y\nkubectl label namespace default istio-injection=enabled\nkubectl apply -f samples/httpbin/httpbin.yaml -f samples/httpbin/sample-client/fortio-deploy.yaml\nkubectl wait --for=condition=Ready pods --all --timeout=300s\n' + CIRCUIT_BREAKER_RULE,
    })
    const load = await driver.exec({ namespace: 'default', selector: 'app=fortio' }, ['/usr/bin/fortio', 'load', '-c', '3', '-qps', '0', '-n', '30', '-loglevel', 'Warning', 'http://httpbin:8000/get'], { container: 'fortio' })
    expect(load.stderr).toMatch(/Code 503 : [1-9]/)
    const fork = await driver.fork()
    const stats = await fork.exec({ namespace: 'default', selector: 'app=fortio' }, ['pilot-agent', 'request', 'GET', 'stats'], { container: 'istio-proxy' })
    await fork.stop()
    expect(stats.stdout).toMatch(/cluster\.outbound\|8000\|\|httpbin\.default\.svc\.cluster\.local\.upstream_rq_pending_overflow: [1-9]/)
  }, 60_000)
})
