// fortio load -json / -a: the document's shape and values follow the run; where it goes and what fortio says about it.
import { describe, expect, it } from 'vitest'
import { fortioShell, run, SERVICE_IP, START_MS, type FakeReply } from './fake-mesh.test-util'
import { Histogram } from './histogram'
import { defaultLabels, resultId } from './result-json'

const URL = 'http://httpbin:8000/get'
/** fhttp.HTTPRunnerResults' JSON fields in Go's order (RunnerResults, then the HTTP fields with HTTPOptions inlined). */
const FIELDS = [
  'RunType', 'Labels', 'StartTime', 'RequestedQPS', 'RequestedDuration', 'ActualQPS', 'ActualDuration', 'NumThreads', 'Version',
  'DurationHistogram', 'ErrorsDurationHistogram', 'Exactly', 'Jitter', 'Uniform', 'NoCatchUp', 'RunID', 'AccessLoggerInfo', 'ID',
  'RetCodes', 'IPCountMap', 'CACert', 'Cert', 'Key', 'Insecure', 'MTLS', 'URL', 'NumConnections', 'Compression', 'DisableFastClient',
  'HTTP10', 'H2', 'DisableKeepAlive', 'AllowHalfClose', 'FollowRedirects', 'Resolve', 'HTTPReqTimeOut', 'UserCredentials',
  'ContentType', 'Payload', 'MethodOverride', 'LogErrors', 'SequentialWarmup', 'ConnReuseRange', 'NoResolveEachConn', 'Offset',
  'Resolution', 'Sizes', 'HeaderSizes', 'Sockets', 'SocketCount', 'ConnectionStats', 'AbortOn',
]

type Result = Record<string, unknown> & { DurationHistogram: Record<string, unknown>; ErrorsDurationHistogram: Record<string, unknown> }

describe('fortio load -json -', () => {
  it('prints the result after the report, with Go\'s field order, and counts its bytes', async () => {
    const fails = new Set([3, 7])
    const rule = (n: number): FakeReply => (fails.has(n) ? { status: 503, delayMs: 2 } : { status: 200, delayMs: 5 + (n % 3) })
    const { shell, seen } = fortioShell(rule)
    const r = await run(shell, `fortio load -c 2 -qps 0 -n 12 -loglevel Warning -json - ${URL}`)
    expect(r.code).toBe(0)
    expect(r.stdout.endsWith('}\n')).toBe(true)
    const doc = JSON.parse(r.stdout) as Result
    expect(Object.keys(doc)).toEqual(FIELDS)
    const tail = r.stderr.trimEnd().split('\n').slice(-2)
    expect(tail[0]).toMatch(/^All done 12 calls/)
    expect(tail[1]).toBe(`Successfully wrote ${Buffer.byteLength(r.stdout)} bytes of Json data to stdout`)
    // Values follow the replies.
    const all = new Histogram(0, 0.001)
    for (const s of seen) all.record(s.reply.delayMs / 1000)
    expect(doc.DurationHistogram).toMatchObject({ Count: 12, Min: all.min, Max: all.max })
    expect((doc.DurationHistogram.Percentiles as { Percentile: number }[]).map((p) => p.Percentile)).toEqual([50, 75, 90, 99, 99.9])
    expect(doc.ErrorsDurationHistogram).toMatchObject({ Count: fails.size, Min: 0.002, Max: 0.002 })
    expect(doc.RetCodes).toEqual({ 200: 12 - fails.size, 503: fails.size })
    expect(doc).toMatchObject({
      RunType: 'HTTP', Labels: 'httpbin:8000/get , fortio-deploy-1', StartTime: '2026-01-01T00:00:00Z', RequestedQPS: 'max',
      RequestedDuration: 'exactly 12 calls', NumThreads: 2, Version: '1.69.0', Exactly: 12, URL, HTTPReqTimeOut: 3_000_000_000,
      Payload: null, ConnReuseRange: [0, 0], Resolution: 0.001, AbortOn: 0,
    })
    const elapsedMs = Math.max(...seen.map((s) => s.at + s.reply.delayMs)) - START_MS
    expect(doc.ActualDuration).toBe(elapsedMs * 1e6)
    expect(doc.ActualQPS).toBeCloseTo(12 / (elapsedMs / 1000), 9)
    // Every 503 closes its socket: the threads used 2 + failures connections, all to the one address.
    expect(doc.SocketCount).toBe(2 + fails.size)
    expect((doc.Sockets as number[]).reduce((a, b) => a + b, 0)).toBe(doc.SocketCount)
    expect(doc.IPCountMap).toEqual({ [`${SERVICE_IP}:8000`]: 2 + fails.size })
    expect(doc.Sizes).toMatchObject({ Count: 12 })
    expect(doc.Sizes).not.toHaveProperty('Percentiles')
  })

  it('echoes the flags: qps as %.9g, duration, scheme fortio assumed, payload in base64, options, labels', async () => {
    const { shell } = fortioShell(() => ({ status: 200, delayMs: 4 }))
    const r = await run(shell, `fortio load -qps 2.5 -t 2s -c 1 -quiet -json - -payload 'a&b' -timeout 1500ms -keepalive=false -labels 'canary <v2>' -k -X PUT -H 'content-type: text/plain' httpbin:8000/put`)
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.stdout) as Result
    expect(doc).toMatchObject({
      RequestedQPS: '2.5', RequestedDuration: '2s', Labels: 'canary <v2>', URL: 'http://httpbin:8000/put', Payload: Buffer.from('a&b').toString('base64'),
      HTTPReqTimeOut: 1_500_000_000, DisableKeepAlive: true, Insecure: true, MethodOverride: 'PUT', ContentType: 'text/plain', Exactly: 0,
    })
    // The ID is dated when the runner is set up, before the warmup call.
    expect(doc.ID).toBe('2026-01-01-000000_canary_v2')
    expect(r.stdout).toContain('"Labels": "canary \\u003cv2\\u003e"')
    const empty = await run(shell, `fortio load -n 2 -quiet -json - -labels '' ${URL}`)
    expect((JSON.parse(empty.stdout) as Result).Labels).toBe('httpbin:8000/get , fortio-deploy-1')
  })

  it('says when a -n run was cut short, and writes nothing when warmup aborts or in curl mode', async () => {
    const { shell } = fortioShell((n) => (n === 4 ? { status: 503, delayMs: 1 } : { status: 200, delayMs: 1 }))
    const cut = await run(shell, `fortio load -abort-on 503 -c 1 -qps 0 -n 20 -quiet -json - ${URL}`)
    expect((JSON.parse(cut.stdout) as Result).RequestedDuration).toBe('exactly 20 calls, interrupted after 5')
    const failing = fortioShell(() => ({ status: 503, delayMs: 1 }))
    const aborted = await run(failing.shell, `fortio load -c 1 -t 1s -json - ${URL}`)
    expect(aborted.code).toBe(1)
    expect(aborted.stdout).toBe('')
    expect(aborted.stderr).not.toContain('Json')
    const curl = await run(shell, `fortio load -curl -json - ${URL}`)
    expect(curl.stderr).not.toContain('Json')
    expect(curl.code).toBe(0)
    expect(curl.stdout).not.toContain('"RunType"')
  })
})

describe('fortio load -json <file> and -a', () => {
  it('writes the file in the container, relative to the working directory', async () => {
    const { shell, vfs } = fortioShell(() => ({ status: 200, delayMs: 3 }))
    const r = await run(shell, `mkdir -p results && cd results && fortio load -n 4 -quiet -json run1.json ${URL} && cat run1.json | head -2`)
    expect(r.code).toBe(0)
    const text = vfs.readFile('/home/learner/results/run1.json')
    expect(r.stderr).toContain(`Successfully wrote ${Buffer.byteLength(text)} bytes of Json data to run1.json\n`)
    expect(text.endsWith('}\n')).toBe(true)
    expect((JSON.parse(text) as Result).DurationHistogram).toMatchObject({ Count: 4, Min: 0.003 })
    expect(r.stdout).toBe('{\n  "RunType": "HTTP",\n')
  })

  it('-a names the file after the result ID in -data-dir (default .); -json wins over -a', async () => {
    const { shell, vfs } = fortioShell(() => ({ status: 200, delayMs: 3 }))
    const id = resultId(START_MS, defaultLabels(URL, 'fortio-deploy-1'))
    expect(id).toBe('2026-01-01-000000_httpbin_8000_get_fortio_deploy_1')
    const r = await run(shell, `fortio load -n 2 -quiet -a ${URL}; fortio load -n 2 -quiet -a -data-dir /tmp/ ${URL}; fortio load -n 2 -quiet -a -json /tmp/x.json ${URL}`)
    expect(r.code).toBe(0)
    expect(r.stderr).toContain(`of Json data to ${id}.json\n`)
    expect(vfs.isFile(`/home/learner/${id}.json`)).toBe(true)
    expect(r.stderr).toMatch(/of Json data to \/tmp\/2026-01-01-\d{6}_httpbin_8000_get_fortio_deploy_1\.json\n/)
    expect(r.stderr).toContain('of Json data to /tmp/x.json\n')
  })

  it('a file that cannot be created is fatal: a fatal log line and exit 1', async () => {
    const { shell } = fortioShell(() => ({ status: 200, delayMs: 3 }))
    for (const [path, reason] of [['/nope/x.json', 'no such file or directory'], ['/tmp', 'is a directory']] as const) {
      const r = await run(shell, `fortio load -n 2 -quiet -json ${path} ${URL}`)
      expect(r.code).toBe(1)
      const last = JSON.parse(r.stderr.trimEnd().split('\n').at(-1)!) as Record<string, unknown>
      expect(last).toMatchObject({ level: 'fatal', file: 'fortio_main.go', msg: `Unable to create ${path}: open ${path}: ${reason}` })
      expect(r.stderr).not.toContain('Successfully wrote')
    }
  })
})

describe('result ID and labels', () => {
  it('collapses non-alphanumerics, drops a trailing separator and keeps 96 bytes', () => {
    expect(resultId(Date.UTC(2026, 10, 25, 4, 31, 51), 'a--b c!')).toBe('2026-11-25-043151_a_b_c')
    expect(resultId(Date.UTC(2026, 10, 25, 4, 31, 51), '')).toBe('2026-11-25-043151')
    expect(resultId(START_MS, 'x'.repeat(200))).toHaveLength(96)
    expect(defaultLabels('https://a.b:443/x', 'fortio-abc.cluster.local')).toBe('a.b:443/x , fortio-abc')
    expect(defaultLabels('HTTP://a/', 'h')).toBe('HTTP://a/ , h')
  })
})
