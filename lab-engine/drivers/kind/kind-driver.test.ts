import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../engine-event'
import { ClusterPool } from './cluster-pool'
import { PROBE_MARKER } from './curl-probe'
import type { FakeCommandRunner } from './fake-command-runner'
import { createKindDriver } from './kind-driver'
import { healthyHost, memoryFiles, STATE_DIR, testConfig, virtualHost } from './kind-fixtures.test-util'
import { PROMETHEUS_PROXY_PATH } from './prometheus-query'
import type { PtyLoader, PtyProcess } from './pty-terminal'

const KC = `kubectl --kubeconfig ${STATE_DIR}/mesh-dojo-1.kubeconfig --context kind-mesh-dojo-1`
const TB = 'mesh-dojo-toolbox-s1'

function pod(name: string, app: string, opts: { sa?: string; sidecar?: boolean } = {}) {
  const containers = [{ name: app, image: `docker.io/istio/examples-${app}:1.20.2` }, ...(opts.sidecar === false ? [] : [{ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.28.0' }])]
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app }, resourceVersion: '1042' },
    spec: { serviceAccountName: opts.sa ?? app, containers },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
  }
}

const podList = (...items: unknown[]) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items, metadata: { resourceVersion: '' } })

const SPEC = { setup: 'kubectl label namespace default istio-injection=enabled --overwrite\n', files: { 'notes.txt': 'hello\n' } }

async function startedDriver(script?: (r: FakeCommandRunner) => void) {
  const made = await makeDriver(script)
  await made.driver.start(SPEC)
  return made
}

async function makeDriver(script?: (r: FakeCommandRunner) => void) {
  const { clock, host } = virtualHost()
  const runner = healthyHost(host)
    .on(['docker', 'run', '-d'], { stdout: '3f6b1c0d9e2a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c\n' })
    .on(['docker', 'exec', '-i', TB, 'sh', '-c'], { stdout: '' })
    .on(['docker', 'exec', TB, 'bash', '-e', '-c'], { stdout: 'namespace/default labeled\n' })
  script?.(runner)
  const config = testConfig({ KIND_POOL_SIZE: '1', KIND_MAX_CLUSTERS: '1' })
  const pool = new ClusterPool({ runner, config, host, files: memoryFiles() })
  await pool.start()
  const ptys: FakePty[] = []
  const loadPty: PtyLoader = async () => ({ spawn: (file, args) => (ptys.push(new FakePty([file, ...args])), ptys.at(-1)!) })
  const driver = createKindDriver({ runner, pool, config, host, sessionId: 's1', loadPty })
  const marks = { at: 0 }
  const start = driver.start.bind(driver)
  driver.start = async (spec) => {
    await start(spec)
    marks.at = runner.calls.length
  }
  return { driver, runner, pool, clock, ptys, since: () => runner.commandLines().slice(marks.at) }
}

class FakePty implements PtyProcess {
  written: string[] = []
  sizes: [number, number][] = []
  killed = false
  private data?: (d: string) => void
  private exit?: (e: { exitCode: number }) => void
  constructor(readonly argv: string[]) {}
  onData(l: (d: string) => void) {
    this.data = l
    return { dispose: () => undefined }
  }
  onExit(l: (e: { exitCode: number }) => void) {
    this.exit = l
    return { dispose: () => undefined }
  }
  write(d: string) {
    this.written.push(d)
    if (d === 'exit\r') this.exit?.({ exitCode: 0 })
    else this.data?.(d)
  }
  resize(c: number, r: number) {
    this.sizes.push([c, r])
  }
  kill() {
    this.killed = true
  }
}

describe('kind driver, with a fake command runner', () => {
  it('states what a real cluster cannot give in its capabilities', async () => {
    const { driver } = await startedDriver()
    expect(driver.name).toBe('kind')
    expect(driver.capabilities).toEqual({ decisionTrace: false, virtualTime: false, snapshots: false, telemetry: false })
  })

  it('start: leases a cluster, runs the toolbox on the kind network with samples read-only, gives it the internal kubeconfig, writes files, runs setup with bash -e -c', async () => {
    const { runner } = await startedDriver()
    const lines = runner.commandLines()
    const from = lines.findIndex((l) => l.startsWith('docker rm'))
    expect(lines.slice(from)).toEqual([
      `docker rm -f ${TB}`,
      `docker run -d --name ${TB} --network kind --label mesh-dojo.toolbox=mesh-dojo --label mesh-dojo.cluster=mesh-dojo-1 --pids-limit 1024 -w /home/learner -v /srv/mesh-dojo/content/samples:/home/learner/samples:ro mesh-dojo/toolbox:1.28.0 sleep infinity`,
      'kind get kubeconfig --name mesh-dojo-1 --internal',
      `docker exec -i ${TB} sh -c mkdir -p -- "$(dirname -- "$1")" && cat > "$1" sh /home/learner/.kube/config`,
      `docker exec -i ${TB} sh -c mkdir -p -- "$(dirname -- "$1")" && cat > "$1" sh /home/learner/notes.txt`,
      `docker exec ${TB} bash -e -c kubectl label namespace default istio-injection=enabled --overwrite\n`,
    ])
    const kubeconfigWrite = runner.calls.find((c) => c.argv.at(-1) === '/home/learner/.kube/config')
    expect(kubeconfigWrite?.stdin).toMatch(/server: https:\/\/mesh-dojo-1-control-plane:6443/)
    expect(runner.calls.find((c) => c.argv.at(-1) === '/home/learner/notes.txt')?.stdin).toBe('hello\n')
  })

  it('a failing setup is a DriverError quoting its output, and the session is taken down (toolbox removed, cluster released)', async () => {
    const { driver, runner, pool } = await makeDriver((r) =>
      r.on(['docker', 'exec', TB, 'bash', '-e', '-c'], { exitCode: 1, stderr: 'error: the path "samples/nope.yaml" does not exist\n' }),
    )
    await expect(driver.start(SPEC)).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/lab setup failed with exit 1:\nerror: the path "samples\/nope.yaml" does not exist/) })
    expect(runner.commandLines()).toContain(`docker rm -f ${TB}`)
    expect(pool.status()).toMatchObject({ leased: 0, ready: 1 })
    await expect(driver.get({ kind: 'Pod', name: 'x' })).rejects.toMatchObject({ code: 'not-started' })
  })

  it('start twice is refused; calls before start or after stop are not-started', async () => {
    const { driver } = await startedDriver()
    await expect(driver.start({})).rejects.toMatchObject({ code: 'invalid' })
    await driver.stop()
    await expect(driver.get({ kind: 'Pod', name: 'x', namespace: 'default' })).rejects.toMatchObject({ code: 'not-started' })
  })

  it('apply: kubectl apply -f - with the manifests on stdin, kubectl\'s own lines and status back', async () => {
    const { driver, runner } = await startedDriver((r) =>
      r.on(['kubectl', 'apply', '-f', '-'], { stdout: 'service/details created\nserviceaccount/bookinfo-details created\ndeployment.apps/details-v1 created\n' }),
    )
    const manifests = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: details\n'
    const r = await driver.apply(manifests, { namespace: 'bookinfo' })
    expect(r).toEqual({ exitCode: 0, stdout: expect.stringContaining('deployment.apps/details-v1 created'), stderr: '' })
    const call = runner.calls.at(-1)!
    expect(call.argv.join(' ')).toBe(`${KC} apply -f - -n bookinfo`)
    expect(call.stdin).toBe(manifests)
  })

  it('get: the object as JSON, null on NotFound, kind.version.group when an apiVersion is given', async () => {
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'productpage-v1', namespace: 'default', labels: { app: 'productpage', version: 'v1' } }, spec: { replicas: 1 } }
    const { driver, since } = await startedDriver((r) =>
      r
        .on(['kubectl', 'get', 'deployment', 'productpage-v1'], { stdout: JSON.stringify(deployment, null, 4) })
        .on(['kubectl', 'get', 'deployment', 'nope'], { exitCode: 1, stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n' })
        .on(['kubectl', 'get', 'virtualservice.v1.networking.istio.io'], { exitCode: 1, stderr: 'Error from server (NotFound): virtualservices.networking.istio.io "reviews" not found\n' })
        .on(['kubectl', 'get', 'frobnicator'], { exitCode: 1, stderr: 'error: the server doesn\'t have a resource type "frobnicator"\n' }),
    )
    expect(await driver.get({ kind: 'Deployment', name: 'productpage-v1', namespace: 'default' })).toEqual(deployment)
    expect(await driver.get({ kind: 'Deployment', name: 'nope', namespace: 'default' })).toBeNull()
    expect(await driver.get({ kind: 'VirtualService', apiVersion: 'networking.istio.io/v1', name: 'reviews', namespace: 'default' })).toBeNull()
    await expect(driver.get({ kind: 'Frobnicator', name: 'x' })).rejects.toMatchObject({ code: 'invalid' })
    expect(since()).toEqual([
      `${KC} get deployment productpage-v1 -n default -o json`,
      `${KC} get deployment nope -n default -o json`,
      `${KC} get virtualservice.v1.networking.istio.io reviews -n default -o json`,
      `${KC} get frobnicator x -o json`,
    ])
  })

  it('a name, kind or namespace that kubectl would read as a flag is refused before any command runs', async () => {
    const { driver, since } = await startedDriver()
    await expect(driver.get({ kind: 'Pod', name: '--raw=/api', namespace: 'default' })).rejects.toMatchObject({ code: 'invalid' })
    await expect(driver.list({ kind: '-o=yaml' })).rejects.toMatchObject({ code: 'invalid' })
    await expect(driver.exec({ namespace: '--kubeconfig=/etc/shadow', name: 'x' }, ['true'])).rejects.toMatchObject({ code: 'invalid' })
    expect(since()).toEqual([])
  })

  it('list: -n or --all-namespaces, -l for the selector, the items', async () => {
    const { driver, since } = await startedDriver((r) =>
      r.on(['kubectl', 'get', 'pod'], { stdout: podList(pod('reviews-v2-5b667bcbf8-7pllg', 'reviews'), pod('reviews-v3-5b9bd44f4-44xfl', 'reviews')) }),
    )
    const pods = await driver.list({ kind: 'Pod', namespace: 'default', labelSelector: 'app=reviews,version!=v1' })
    expect(pods.map((p) => p.metadata.name)).toEqual(['reviews-v2-5b667bcbf8-7pllg', 'reviews-v3-5b9bd44f4-44xfl'])
    await driver.list({ kind: 'Pod' })
    expect(since()).toEqual([`${KC} get pod -n default --selector=app=reviews,version!=v1 -o json`, `${KC} get pod --all-namespaces -o json`])
  })

  it('exec: finds the first running pod for a selector, runs kubectl exec -c <container> -- argv, passes the remote exit status through', async () => {
    const { driver, since, runner } = await startedDriver((r) =>
      r
        .on(['kubectl', 'get', 'pods', '--selector=app=sleep'], { stdout: podList(pod('sleep-9454cc476-z2xcv', 'sleep'), pod('sleep-9454cc476-a1b2c', 'sleep')) })
        .on(['kubectl', 'exec'], { exitCode: 6, stderr: 'curl: (6) Could not resolve host: no-such-service\ncommand terminated with exit code 6\n' }),
    )
    const r = await driver.exec({ namespace: 'default', selector: 'app=sleep' }, ['curl', '-sS', 'http://no-such-service:9080/'], { container: 'sleep' })
    expect(r).toMatchObject({ exitCode: 6, stderr: expect.stringMatching(/Could not resolve host: no-such-service/) })
    expect(since()).toEqual([
      `${KC} get pods -n default --selector=app=sleep --field-selector=status.phase=Running -o json`,
      `${KC} exec -n default sleep-9454cc476-a1b2c -c sleep -- curl -sS http://no-such-service:9080/`,
    ])
    expect(runner.calls.at(-1)?.timeoutMs).toBe(60_000)
  })

  it('exec: no running pod for the selector is not-found; stdin adds -i', async () => {
    const { driver, since } = await startedDriver((r) =>
      r
        .on(['kubectl', 'get', 'pods', '--selector=app=ghost'], { stdout: podList() })
        .on(['kubectl', 'get', 'pod', 'httpbin-1'], { stdout: JSON.stringify(pod('httpbin-1', 'httpbin')) })
        .on(['kubectl', 'exec'], { stdout: 'hi' }),
    )
    await expect(driver.exec({ namespace: 'default', selector: 'app=ghost' }, ['true'])).rejects.toMatchObject({ code: 'not-found', message: 'no running pod in default matches app=ghost' })
    await driver.exec({ namespace: 'default', name: 'httpbin-1' }, ['cat'], { stdin: 'hi' })
    expect(since().at(-1)).toBe(`${KC} exec -i -n default httpbin-1 -- cat`)
  })

  it('exec that never answers is killed at its deadline and reported as exit 124', async () => {
    const { driver, clock } = await startedDriver((r) =>
      r.on(['kubectl', 'get', 'pod', 'fortio'], { stdout: JSON.stringify(pod('fortio', 'fortio')) }).on(['kubectl', 'exec'], { hang: true }),
    )
    const pending = driver.exec({ namespace: 'default', name: 'fortio' }, ['fortio', 'load', '-t', '0', 'http://httpbin:8000/'], { timeoutMs: 5_000 })
    await new Promise((res) => setImmediate(res))
    clock.advanceBy(5_000)
    const r = await pending
    expect(r.exitCode).toBe(124)
    expect(r.stderr).toMatch(/timed out after 5000 ms/)
    expect(r.elapsedMs).toBe(5_000)
  })

  it('probeHttp from a pod: a grader pod with the source\'s service account and sidecar, curl with the fixed -w JSON, parsed into values', async () => {
    const body = '{"id": "0","podname": "reviews-v3-5b9bd44f4-44xfl","clustername": "null","reviews": []}'
    const headers = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nserver: envoy\r\n\r\n'
    const w = JSON.stringify({ errormsg: null, exitcode: 0, http_code: 200, size_header: headers.length, size_download: body.length, time_total: 0.012345 })
    const { driver, runner, since } = await startedDriver((r) =>
      r
        .on(['kubectl', 'get', 'pods', '--selector=app=productpage'], { stdout: podList(pod('productpage-v1-d5789fdfb-8x2lq', 'productpage', { sa: 'bookinfo-productpage' })) })
        .on(['kubectl', 'apply', '-f', '-'], { stdout: 'pod/mesh-dojo-grader-bookinfo-productpage created\n' })
        .on(['kubectl', 'wait'], { stdout: 'pod/mesh-dojo-grader-bookinfo-productpage condition met\n' })
        .on(['kubectl', 'exec'], { stdout: headers + body + `\n${PROBE_MARKER}` + w }),
    )
    const from = { namespace: 'default', selector: 'app=productpage' }
    const r = await driver.probeHttp(from, { url: 'http://reviews:9080/reviews/0', headers: { 'end-user': 'jason' }, timeoutMs: 2_000 })
    expect(r).toEqual({ status: 200, headers: { 'content-type': 'application/json', server: 'envoy' }, body, elapsedMs: 12.345, curlExit: 0 })
    const manifest = JSON.parse(runner.calls.find((c) => c.argv.includes('apply'))!.stdin!)
    expect(manifest).toMatchObject({
      metadata: { name: 'mesh-dojo-grader-bookinfo-productpage', namespace: 'default', labels: { app: 'mesh-dojo-grader', 'sidecar.istio.io/inject': 'true' } },
      spec: { serviceAccountName: 'bookinfo-productpage', containers: [{ name: 'curl', image: 'curlimages/curl:8.11.1', command: ['/bin/sleep', 'infinity'] }] },
    })
    expect(since().slice(2)).toEqual([
      `${KC} wait --for=condition=Ready pod/mesh-dojo-grader-bookinfo-productpage -n default --timeout=180s`,
      `${KC} exec -n default mesh-dojo-grader-bookinfo-productpage -c curl -- curl -sS -D - -w \\n${PROBE_MARKER}%{json} --max-time 2.000 -k -H end-user: jason -- http://reviews:9080/reviews/0`,
    ])
    await driver.probeHttp(from, { url: 'http://reviews:9080/reviews/1' })
    expect(runner.calls.filter((c) => c.argv.includes('apply'))).toHaveLength(1)
  })

  it('probeHttp after the learner deleted the grader pod creates it again, once', async () => {
    const ok = `HTTP/1.1 200 OK\r\n\r\n\n${PROBE_MARKER}{"http_code":200,"exitcode":0,"time_total":0.004,"size_header":19}`
    const { driver, runner } = await startedDriver((r) =>
      r
        .on(['kubectl', 'get', 'pod', 'sleep-1'], { stdout: JSON.stringify(pod('sleep-1', 'sleep')) })
        .on(['kubectl', 'apply', '-f', '-'], { stdout: 'pod/mesh-dojo-grader-sleep created\n' })
        .on(['kubectl', 'wait'], { stdout: 'pod/mesh-dojo-grader-sleep condition met\n' })
        .on(['kubectl', 'exec'], { stdout: ok }),
    )
    const from = { namespace: 'default', name: 'sleep-1' }
    await driver.probeHttp(from, { url: 'http://httpbin:8000/get' })
    runner.once(['kubectl', 'exec'], { exitCode: 1, stderr: 'Error from server (NotFound): pods "mesh-dojo-grader-sleep" not found\n' })
    expect((await driver.probeHttp(from, { url: 'http://httpbin:8000/get' })).status).toBe(200)
    expect(runner.calls.filter((c) => c.argv.includes('apply'))).toHaveLength(2)
    runner.on(['kubectl', 'exec'], { exitCode: 1, stderr: 'Error from server (NotFound): pods "mesh-dojo-grader-sleep" not found\n' })
    await expect(driver.probeHttp(from, { url: 'http://httpbin:8000/get' })).rejects.toMatchObject({ code: 'failed', message: expect.stringMatching(/did not run curl/) })
    expect(runner.calls.filter((c) => c.argv.includes('apply'))).toHaveLength(3)
  })

  it('probeHttp from a pod without a sidecar uses a grader without one', async () => {
    const { driver, runner } = await startedDriver((r) =>
      r
        .on(['kubectl', 'get', 'pod', 'legacy'], { stdout: JSON.stringify(pod('legacy', 'legacy', { sa: 'default', sidecar: false })) })
        .on(['kubectl', 'apply', '-f', '-'], { stdout: 'pod/mesh-dojo-grader-default-nomesh created\n' })
        .on(['kubectl', 'wait'], { stdout: '' })
        .on(['kubectl', 'exec'], { stdout: `\n${PROBE_MARKER}{"http_code":0,"exitcode":56,"time_total":0.002}`, exitCode: 56 }),
    )
    const r = await driver.probeHttp({ namespace: 'default', name: 'legacy' }, { url: 'http://httpbin:8000/headers' })
    expect([r.status, r.curlExit]).toEqual([0, 56])
    expect(JSON.parse(runner.calls.find((c) => c.argv.includes('apply'))!.stdin!).metadata.labels['sidecar.istio.io/inject']).toBe('false')
  })

  it('probeHttp from outside runs curl in the toolbox, with the body on stdin', async () => {
    const { driver, runner } = await startedDriver((r) =>
      r.on(['docker', 'exec', '-i', TB, 'curl'], { stdout: 'HTTP/1.1 201 Created\r\nserver: istio-envoy\r\n\r\n' + `\n${PROBE_MARKER}{"http_code":201,"exitcode":0,"time_total":0.02,"size_header":44}` }),
    )
    const r = await driver.probeHttp('outside', { url: 'http://172.18.255.200/post', method: 'POST', body: '{"a":1}' })
    expect(r.status).toBe(201)
    expect(r.headers.server).toBe('istio-envoy')
    expect(runner.calls.at(-1)).toMatchObject({ stdin: '{"a":1}' })
    expect(runner.calls.at(-1)!.argv.slice(0, 5)).toEqual(['docker', 'exec', '-i', TB, 'curl'])
  })

  it('queryMetric: Prometheus\'s data through the API server proxy; unsupported without the addon; bad PromQL is invalid', async () => {
    const data = { resultType: 'vector', result: [{ metric: { destination_service: 'reviews.default.svc.cluster.local' }, value: [1795996800.123, '42'] }] }
    const q = 'sum(istio_requests_total{destination_service=~"reviews.*"})'
    const { driver, since, runner } = await startedDriver((r) => r.on(['kubectl', 'get', '--raw', /query=sum/], { stdout: JSON.stringify({ status: 'success', data }) }))
    expect(await driver.queryMetric(q)).toEqual(data)
    expect(since()).toEqual([`${KC} get --raw ${PROMETHEUS_PROXY_PATH}?query=${encodeURIComponent(q)}`])
    runner.on(['kubectl', 'get', '--raw', /query=up/], { exitCode: 1, stderr: 'Error from server (NotFound): services "prometheus" not found\n' })
    await expect(driver.queryMetric('up')).rejects.toMatchObject({ code: 'unsupported', message: expect.stringMatching(/Prometheus addon/) })
    runner.on(['kubectl', 'get', '--raw', /query=rate/], {
      exitCode: 1,
      stderr: 'Error from server (BadRequest): {"status":"error","errorType":"bad_data","error":"1:6: parse error: unexpected end of input"}\n',
    })
    await expect(driver.queryMetric('rate(')).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/parse error/) })
  })

  it('readFile and writeFile work in the toolbox, paths under the learner\'s home; a missing file is not-found', async () => {
    const { driver, runner, since } = await startedDriver((r) =>
      r
        .on(['docker', 'exec', TB, 'cat', '--', '/home/learner/vs.yaml'], { stdout: 'kind: VirtualService\n' })
        .on(['docker', 'exec', TB, 'cat', '--', '/tmp/nope'], { exitCode: 1, stderr: 'cat: /tmp/nope: No such file or directory\n' }),
    )
    expect(await driver.readFile('vs.yaml')).toBe('kind: VirtualService\n')
    await expect(driver.readFile('/tmp/nope')).rejects.toMatchObject({ code: 'not-found' })
    await driver.writeFile('~/labs/dr.yaml', 'kind: DestinationRule\n')
    expect(since().at(-1)).toBe(`docker exec -i ${TB} sh -c mkdir -p -- "$(dirname -- "$1")" && cat > "$1" sh /home/learner/labs/dr.yaml`)
    expect(runner.calls.at(-1)?.stdin).toBe('kind: DestinationRule\n')
  })

  it('events: kubectl watch output split into objects across chunks, mapped to resource events; the grader\'s pods are left out', async () => {
    const added = JSON.stringify({ type: 'ADDED', object: pod('details-v1-79dfbd6fff-nh2pz', 'details') }, null, 4)
    const grader = JSON.stringify({ type: 'ADDED', object: { ...pod('mesh-dojo-grader-sleep', 'curl'), metadata: { name: 'mesh-dojo-grader-sleep', namespace: 'default', labels: { app: 'mesh-dojo-grader' }, resourceVersion: '7' } } }, null, 4)
    const deleted = JSON.stringify({ type: 'DELETED', object: { ...pod('details-v1-79dfbd6fff-nh2pz', 'details'), metadata: { name: 'details-v1-79dfbd6fff-nh2pz', namespace: 'default', resourceVersion: '1077' } } }, null, 4)
    const text = `${added}\n${grader}\n${deleted}\n`
    const { driver, runner } = await startedDriver((r) =>
      r
        .on(['kubectl', 'get', /./, '--watch-only'], { hang: true })
        .on(['kubectl', 'get', 'pods', '--watch-only'], { chunks: [text.slice(0, 100), text.slice(100, 1200), text.slice(1200)], hang: true }),
    )
    const seen: EngineEvent[] = []
    for await (const e of driver.events()) {
      seen.push(e)
      if (seen.length === 2) break
    }
    expect(seen).toEqual([
      { v: 1, type: 'resource', change: 'added', kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: 'details-v1-79dfbd6fff-nh2pz', resourceVersion: '1042' },
      { v: 1, type: 'resource', change: 'deleted', kind: 'Pod', apiVersion: 'v1', namespace: 'default', name: 'details-v1-79dfbd6fff-nh2pz', resourceVersion: '1077' },
    ])
    const watches = runner.calls.filter((c) => c.streamed).map((c) => c.argv.join(' '))
    expect(watches).toContain(`${KC} get pods --all-namespaces --watch-only --output-watch-events -o json`)
    expect(watches).toContain(`${KC} get virtualservices.networking.istio.io --all-namespaces --watch-only --output-watch-events -o json`)
  })

  it('events end when the driver stops', async () => {
    const { driver } = await startedDriver((r) => r.on(['kubectl', 'get', /./, '--watch-only'], { hang: true }))
    const it = driver.events()[Symbol.asyncIterator]()
    const next = it.next()
    await driver.stop()
    expect(await next).toEqual({ value: undefined, done: true })
  })

  it('openTerminal: docker exec -it into the toolbox under a PTY; keys typed before the PTY exists are kept', async () => {
    const { driver, ptys } = await startedDriver()
    const term = driver.openTerminal({ cols: 120, rows: 40 })
    const out: string[] = []
    term.onData((d) => out.push(d))
    const exits: number[] = []
    term.onExit((c) => exits.push(c))
    term.write('kubectl get pods\r')
    await new Promise((res) => setImmediate(res))
    expect(ptys[0]!.argv).toEqual(['docker', 'exec', '-it', '-e', 'TERM=xterm-256color', TB, 'bash', '-l'])
    expect(ptys[0]!.written).toEqual(['kubectl get pods\r'])
    expect(out).toEqual(['kubectl get pods\r'])
    term.resize({ cols: 100, rows: 30 })
    expect(ptys[0]!.sizes).toEqual([[100, 30]])
    term.write('exit\r')
    expect(exits).toEqual([0])
    await driver.stop()
    expect(ptys[0]!.killed).toBe(true)
  })

  it('stop removes the toolbox and releases the cluster (reset for the next session)', async () => {
    const { driver, since, pool } = await startedDriver()
    await driver.stop()
    const lines = since()
    expect(lines[0]).toBe(`docker rm -f ${TB}`)
    expect(lines).toContain(`${KC} get namespaces -o json`)
    expect(pool.status()).toMatchObject({ leased: 0, ready: 1 })
    await driver.stop()
  })

  it('reset: fresh toolbox, cluster reset, then the files and setup again', async () => {
    const { driver, since } = await startedDriver()
    await driver.reset()
    const lines = since()
    expect(lines[0]).toBe(`docker rm -f ${TB}`)
    expect(lines[1]).toBe(`${KC} get namespaces -o json`)
    const istio = lines.findIndex((l) => l.startsWith('istioctl install'))
    expect(lines.slice(istio + 1)).toEqual([
      `docker rm -f ${TB}`,
      expect.stringMatching(/^docker run -d --name mesh-dojo-toolbox-s1 /),
      'kind get kubeconfig --name mesh-dojo-1 --internal',
      expect.stringMatching(/\/home\/learner\/\.kube\/config$/),
      expect.stringMatching(/\/home\/learner\/notes\.txt$/),
      expect.stringMatching(/^docker exec mesh-dojo-toolbox-s1 bash -e -c kubectl label namespace default istio-injection=enabled/),
    ])
  })

  it('settle waits on the host clock', async () => {
    const { driver, clock } = await startedDriver()
    let done = false
    const p = driver.settle!(1_000).then(() => (done = true))
    clock.advanceBy(999)
    await Promise.resolve()
    expect(done).toBe(false)
    clock.advanceBy(1)
    await p
    expect(done).toBe(true)
    await expect(driver.settle!(-1)).rejects.toMatchObject({ code: 'invalid' })
  })
})
