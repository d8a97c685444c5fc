// `fortio load` end to end over a fake mesh: layout, counts, percentiles and sockets follow the replies.
import { describe, expect, it } from 'vitest'
import { toResult, fortioShell, run, SERVICE_IP, START_MS, type FakeReply, type Seen } from './fake-mesh.test-util'
import { goDuration, goF, goGPrec } from './go-format'
import { Histogram } from './histogram'
import { MAX_LOG_LINES } from './log'

const URL = 'http://httpbin:8000/get'
const ok = (delayMs: number): FakeReply => ({ status: 200, delayMs })
const lines = (s: string) => s.split('\n').filter((l) => l !== '')
const jsonLines = (s: string) => lines(s).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>)
/** Bytes fortio counts for a reply: status line, headers, blank line, body. */
function totalBytes(r: FakeReply): number {
  const res = toResult(r)
  if (res.kind !== 'response') return 0
  return `HTTP/1.1 ${res.status} ${res.statusText}\r\n${res.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${res.body}`.length
}
/** The run's end: the latest reply's finish time after the start. */
const elapsedOf = (seen: Seen[], startMs: number) => Math.max(...seen.map((s) => s.at + s.reply.delayMs)) - startMs

describe('fortio load: the circuit-breaking task shape', () => {
  it('-c 2 -qps 0 -n 20 -loglevel Warning: header, warnings, histogram, sockets and codes from the replies', async () => {
    const fails = new Set([2, 5])
    const { shell, seen } = fortioShell((n) => (fails.has(n) ? { status: 503, delayMs: 1 } : ok(5)))
    const r = await run(shell, `fortio load -c 2 -qps 0 -n 20 -loglevel Warning ${URL}`)
    expect(r.code).toBe(0)
    expect(r.stdout).toBe('')
    const out = lines(r.stderr)
    expect(JSON.parse(out[0]!)).toMatchObject({ level: 'info', file: 'logger.go', line: 298, msg: 'Log level is now 3 Warning (was 2 Info)' })
    expect(out[1]).toBe(`Fortio 1.69.0 running at 0 queries per second, 2->2 procs, for 20 calls: ${URL}`)
    expect(out[2]).toBe('Starting at max qps with 2 thread(s) [gomax 2] for exactly 20 calls (10 per thread + 0)')
    expect(seen).toHaveLength(20)
    const warnings = jsonLines(r.stderr).filter((j) => j.level === 'warn')
    expect(warnings).toHaveLength(fails.size)
    for (const w of warnings) expect(w).toMatchObject({ file: 'http_client.go', line: 1151, msg: 'Non ok http code', code: 503, status: 'HTTP/1.1 503', run: 0 })
    const elapsed = elapsedOf(seen, START_MS)
    expect(out).toContain(`Ended after ${goDuration(elapsed)} : 20 calls. qps=${goGPrec(20 / (elapsed / 1000), 5)}`)
    const all = new Histogram(0, 0.001)
    for (const s of seen) all.record(s.reply.delayMs / 1000)
    expect(r.stderr).toContain(all.print('Aggregated Function Time', [50, 75, 90, 99, 99.9]))
    expect(r.stderr).toContain('Error cases : count 2 avg 0.001 +/- 0 min 0.001 max 0.001 sum 0.002\n')
    // Each 503 closes that thread's socket, so the next call opens another: 2 + 2.
    const perThread = out.filter((l) => /^\[\d\] +\d+ socket used/.test(l)).map((l) => Number(/socket/.exec(l) && l.split(/\s+/)[1]))
    expect(perThread.reduce((a, b) => a + b, 0)).toBe(2 + fails.size)
    expect(out).toContain(`Sockets used: ${2 + fails.size} (for perfect keepalive, would be 2)`)
    expect(out).toContain('Uniform: false, Jitter: false, Catchup allowed: true')
    expect(out).toContain(`${SERVICE_IP}:8000: ${2 + fails.size}`)
    expect(out).toContain(`Code 200 : 18 (90.0 %)`)
    expect(out).toContain(`Code 503 : 2 (10.0 %)`)
    const okBytes = totalBytes(ok(5))
    const failBytes = totalBytes({ status: 503, delayMs: 1 })
    expect(out.find((l) => l.startsWith('Response Header Sizes'))).toMatch(/ min 0 max \d+ /)
    expect(out).toContain(`Response Body/Total Sizes : count 20 avg ${goGPrec((18 * okBytes + 2 * failBytes) / 20, 8)} +/- ${out.find((l) => l.startsWith('Response Body'))!.split('+/- ')[1]!.split(' ')[0]} min ${Math.min(okBytes, failBytes)} max ${Math.max(okBytes, failBytes)} sum ${18 * okBytes + 2 * failBytes}`)
    expect(out.at(-1)).toBe(`All done 20 calls (plus 0 warmup) ${goF(all.avg() * 1000, 3)} ms avg, ${goF(20 / (elapsed / 1000), 1)} qps`)
  })

  it('the two clients really run concurrently: the run takes one thread\'s time, not both', async () => {
    const { shell, seen } = fortioShell(() => ok(10))
    const r = await run(shell, `fortio load -c 2 -qps 0 -n 8 -loglevel Warning ${URL}`)
    expect(elapsedOf(seen, START_MS)).toBe(40)
    expect(r.stderr).toContain('Ended after 40ms : 8 calls. qps=200\n')
  })

  it('sends fortio\'s request: GET, Host as in the URL, fortio\'s User-Agent, canonical -H names', async () => {
    const { shell, seen } = fortioShell(() => ok(1))
    await run(shell, `fortio load -quiet -c 1 -n 2 -H 'x-user: jason' ${URL}`)
    expect(seen[0]!.req).toMatchObject({ method: 'GET', host: 'httpbin', port: 8000, path: '/get' })
    expect(seen[0]!.req.headers).toEqual([['Host', 'httpbin:8000'], ['User-Agent', 'fortio.org/fortio-1.69.0'], ['X-User', 'jason']])
    await run(shell, `fortio load -quiet -c 1 -n 2 -payload hello ${URL}`)
    expect(seen[2]!.req).toMatchObject({ method: 'POST', body: 'hello' })
  })
})

describe('fortio load: threads, calls and pacing', () => {
  it('-c 3 -n 20 gives thread 0 the remainder', async () => {
    const { shell, seen } = fortioShell(() => ok(2))
    const r = await run(shell, `fortio load -loglevel Warning -c 3 -qps 0 -n 20 ${URL}`)
    expect(r.stderr).toContain('for exactly 20 calls (6 per thread + 2)\n')
    expect(seen).toHaveLength(20)
    expect(lines(r.stderr).filter((l) => /^\[\d\]/.test(l))).toHaveLength(3)
  })

  it('more threads than calls at max qps: every thread still makes one call (fortio\'s own arithmetic)', async () => {
    const { shell, seen } = fortioShell(() => ok(2))
    const r = await run(shell, `fortio load -quiet -c 50 -qps 0 -n 20 ${URL}`)
    expect(seen).toHaveLength(20 + 49)
    expect(r.stderr).toContain('All done 69 calls (plus 0 warmup)')
  })

  it('-qps paces each call at (k + k/(n-1)) / qps seconds and reports the sleeps', async () => {
    const { shell, seen } = fortioShell(() => ok(2))
    const r = await run(shell, `fortio load -loglevel Warning -qps 10 -c 1 -n 4 ${URL}`)
    expect(r.stderr).toContain('Starting at 10 qps with 1 thread(s) [gomax 2] : exactly 4, 4 calls each (total 4 + 0)\n')
    const due = [0, 1, 2, 3].map((k) => ((k + k / 3) / 10) * 1000)
    // Epoch milliseconds as doubles keep about a quarter of a microsecond.
    seen.forEach((s, k) => expect(s.at - START_MS).toBeCloseTo(due[k]!, 3))
    const elapsed = elapsedOf(seen, START_MS)
    expect(elapsed).toBeCloseTo(due[3]! + 2, 3)
    expect(r.stderr).toContain(`Ended after ${goDuration(elapsed)} : 4 calls. qps=${goGPrec(4 / (elapsed / 1000), 5)}\n`)
    expect(r.stderr).toMatch(/\nSleep times : count 3 avg 0\.13133333 /)
  })

  it('lowers the thread count so each thread makes at least 2 calls', async () => {
    const { shell } = fortioShell(() => ok(1))
    const r = await run(shell, `fortio load -loglevel Warning -qps 10 -c 4 -n 6 ${URL}`)
    expect(jsonLines(r.stderr).some((j) => j.msg === 'Lowering number of threads - total call 6 -> lowering from 4 to 3 threads')).toBe(true)
    expect(r.stderr).toContain('Starting at 10 qps with 3 thread(s) [gomax 2] : exactly 6, 2 calls each (total 6 + 0)\n')
    expect(r.stderr).toContain('Sockets used: 3 (for perfect keepalive, would be 3)\n')
  })

  it('-t runs for a duration after one warmup call per thread', async () => {
    const { shell, seen } = fortioShell(() => ok(30))
    const r = await run(shell, `fortio load -loglevel Warning -c 1 -qps 0 -t 100ms ${URL}`)
    const calls = Math.floor(100 / 30) + 1
    expect(seen).toHaveLength(calls + 1)
    expect(r.stderr).toContain(`${URL}\nStarting at max qps with 1 thread(s) [gomax 2] for 100ms\n`)
    expect(r.stderr).toContain(`All done ${calls} calls (plus 1 warmup) 30.000 ms avg, ${goF(calls / (calls * 0.03), 1)} qps\n`)
  })

  it('a failing warmup aborts the run with fortio\'s message', async () => {
    const { shell } = fortioShell(() => ({ status: 503, delayMs: 1 }))
    const r = await run(shell, `fortio load -c 2 -t 1s ${URL}`)
    expect(r.code).toBe(1)
    expect(r.stderr.endsWith(`Aborting because of error 503 for ${URL} (${totalBytes({ status: 503, delayMs: 1 })} bytes)\n`)).toBe(true)
    const allowed = await run(fortioShell(() => ({ status: 503, delayMs: 1 })).shell, `fortio load -quiet -allow-initial-errors -c 1 -qps 5 -t 1s ${URL}`)
    expect(allowed.code).toBe(0)
  })
})

describe('fortio load: -abort-on, -uniform, -jitter, -nocatchup', () => {
  it('-abort-on 503 stops every thread after the call that got it', async () => {
    const { shell, seen } = fortioShell((n) => (n === 3 ? { status: 503, delayMs: 1 } : ok(1)))
    const r = await run(shell, `fortio load -abort-on 503 -c 1 -qps 0 -n 50 ${URL}`)
    expect(seen).toHaveLength(4)
    expect(r.stderr).toContain('All done 4 calls (plus 0 warmup)')
    expect(jsonLines(r.stderr).find((j) => j.msg === 'Aborted run because of http code')).toMatchObject({ code: 503 })
  })

  it('-uniform staggers thread starts by their share of the interval', async () => {
    const { shell, seen } = fortioShell(() => ok(1))
    const r = await run(shell, `fortio load -quiet -uniform -qps 4 -c 2 -n 4 ${URL}`)
    // Per thread 2 qps: 500 ms apart; thread 1 starts 500 - 500/2 * (2 - 1) = 250 ms late.
    const firstTwo = seen.slice(0, 2).map((s) => Math.round(s.at - START_MS))
    expect(firstTwo).toEqual([0, 250])
    expect(r.stderr).toContain('Uniform: true, Jitter: false, Catchup allowed: true\n')
  })

  it('-jitter moves each pacing sleep by at most 10%', async () => {
    const { shell, seen } = fortioShell(() => ok(0))
    const r = await run(shell, `fortio load -quiet -jitter -qps 1 -c 1 -n 5 -t 0 ${URL}`)
    // Until-interrupted spacing (-t 0): call k is due at k seconds; the sleep towards it is moved by up to 10%.
    const at = seen.map((s) => s.at - START_MS)
    for (let k = 1; k < at.length; k++) {
      const sleep = k * 1000 - at[k - 1]!
      expect(Math.abs(at[k]! - k * 1000)).toBeLessThanOrEqual(sleep / 10 + 1e-3)
    }
    expect(at.slice(1).some((t, k) => Math.abs(t - (k + 1) * 1000) > 1)).toBe(true)
    expect(r.stderr).toContain('Jitter: true')
  })

  it('-nocatchup skips the calls that are already late instead of rushing them', async () => {
    const slow = (n: number): FakeReply => (n === 0 ? ok(350) : ok(1))
    const withCatchup = fortioShell(slow)
    await run(withCatchup.shell, `fortio load -quiet -qps 10 -c 1 -n 6 ${URL}`)
    const without = fortioShell(slow)
    await run(without.shell, `fortio load -quiet -nocatchup -qps 10 -c 1 -n 6 ${URL}`)
    // Calls are due every 120 ms ((k + k/5) / 10 s); the first takes 350 ms, so calls 1 and 2 are late.
    expect(withCatchup.seen).toHaveLength(6)
    expect(without.seen).toHaveLength(6 - 2)
  })
})

describe('fortio load: sockets follow the responses', () => {
  it('a server answering "connection: close" costs a new socket per call', async () => {
    const body = 'hi'
    const { shell } = fortioShell(() => ({ status: 200, delayMs: 1, body, headers: [['content-length', '2'], ['connection', 'close']] }))
    const r = await run(shell, `fortio load -c 1 -qps 0 -n 5 ${URL}`)
    expect(r.stderr).toContain('Sockets used: 5 (for perfect keepalive, would be 1)\n')
    expect(jsonLines(r.stderr).filter((j) => j.msg === 'Closing dead socket (err at first read)')).toHaveLength(4)
  })

  it('connection refused: code -1, an error line per call and a socket per attempt', async () => {
    const { shell } = fortioShell(() => ({ error: 7, delayMs: 0 }))
    const r = await run(shell, `fortio load -loglevel Warning -c 1 -qps 0 -n 3 ${URL}`)
    expect(r.stderr).toContain('Code  -1 : 3 (100.0 %)\n')
    expect(r.stderr).toContain('Sockets used: 3 (for perfect keepalive, would be 1)\n')
    const errs = jsonLines(r.stderr).filter((j) => j.level === 'err')
    expect(errs).toHaveLength(3)
    expect(errs[0]).toMatchObject({ msg: 'Unable to connect', dest: `${SERVICE_IP}:8000`, err: { Op: 'dial', Addr: { IP: SERVICE_IP, Port: 8000 }, Err: { Syscall: 'connect', Err: 111 } } })
  })

  it('keep-alive off sends Connection: close and reconnects every call', async () => {
    const { shell, seen } = fortioShell(() => ok(1))
    const r = await run(shell, `fortio load -quiet -keepalive=false -c 1 -n 3 ${URL}`)
    expect(seen[0]!.req.headers[1]).toEqual(['Connection', 'close'])
    expect(r.stderr).toContain('Sockets used: 3 (for perfect keepalive, would be 1)\n')
  })
})

describe('fortio load: log levels', () => {
  it('at the default Info level the info lines come where fortio 1.69 prints them', async () => {
    const { shell } = fortioShell(() => ok(2))
    const r = await run(shell, `fortio load -c 2 -qps 0 -n 4 ${URL}`)
    const kinds = lines(r.stderr).map((l) => (l.startsWith('{') ? `json:${(JSON.parse(l) as { msg: string }).msg.split(' ')[0]}` : l.split(' ').slice(0, 2).join(' ')))
    expect(kinds.slice(0, 9)).toEqual([
      'json:Starting', 'Fortio 1.69.0', 'json:Starting', 'Starting at', 'json:T000', 'json:T001', 'Ended after', 'json:Run', 'Aggregated Function',
    ])
    const runEnded = jsonLines(r.stderr).find((j) => j.msg === 'Run ended')!
    expect(runEnded).toMatchObject({ file: 'periodic.go', line: 581, run: 0, elapsed: 4_000_000, calls: 4, qps: 1000 })
    // Info also prints the connection-time histogram, not just its counter.
    expect(r.stderr).toContain('Connection time histogram (s) : count 2 ')
  })

  it('bounds the warning lines of a long failing run and says how many it left out', async () => {
    const { shell } = fortioShell(() => ({ status: 503, delayMs: 0.01 }))
    const r = await run(shell, `fortio load -loglevel Warning -c 1 -qps 0 -n ${MAX_LOG_LINES + 50} ${URL}`)
    expect(jsonLines(r.stderr).filter((j) => j.msg === 'Non ok http code')).toHaveLength(MAX_LOG_LINES - 1)
    expect(r.stderr).toContain(`[simulator] 51 more log lines were not printed (limit ${MAX_LOG_LINES})\n`)
    expect(r.stderr).toContain(`Code 503 : ${MAX_LOG_LINES + 50} (100.0 %)\n`)
  })

  it('tcp:// targets are out of the simulator\'s scope and say so', async () => {
    const { shell, seen } = fortioShell(() => ok(1))
    const r = await run(shell, 'fortio load -n 2 tcp://httpbin:8000')
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/not simulated/)
    expect(seen).toHaveLength(0)
  })
})

describe('fortio load: quiet output and interruption', () => {
  it('-quiet prints counters and targets only, in fortio\'s order', async () => {
    const { shell, seen } = fortioShell(() => ok(3))
    const r = await run(shell, `fortio load -quiet -c 1 -qps 0 -n 4 ${URL}`)
    const h = new Histogram(0, 0.001)
    for (const s of seen) h.record(s.reply.delayMs / 1000)
    const expected = `Fortio 1.69.0 running at 0 queries per second, 2->2 procs, for 4 calls: ${URL}\n` +
      h.line('Aggregated Function Time') + [50, 75, 90, 99, 99.9].map((p) => h.targetLine(p)).join('') +
      'Error cases : count 0 avg 0 +/- 0 min 0 max 0 sum 0\n# Socket and IP used for each connection:\n' +
      `[0]   1 socket used, resolved to ${SERVICE_IP}:8000, connection timing : count 1 avg 0 +/- 0 min 0 max 0 sum 0\n` +
      `Sockets used: 1 (for perfect keepalive, would be 1)\nUniform: false, Jitter: false, Catchup allowed: true\nIP addresses distribution:\n${SERVICE_IP}:8000: 1\n` +
      `Code 200 : 4 (100.0 %)\nAll done 4 calls (plus 0 warmup) 3.000 ms avg, ${goF(4 / 0.012, 1)} qps\n`
    expect(r.stderr).toBe(expected)
  })

  it('Ctrl-C stops the threads and fortio still prints its summary', async () => {
    const ac = new AbortController()
    const { shell, seen } = fortioShell(() => ok(5), (n) => { if (n === 7) ac.abort(new Error('interrupted')) })
    const r = await run(shell, `fortio load -quiet -c 1 -qps 0 -n 100 ${URL}`, ac.signal)
    // The call in flight when the interrupt came (the 8th) completes and is counted; no 9th starts.
    expect(seen).toHaveLength(8)
    expect(r.stderr).toMatch(/All done 8 calls \(plus 0 warmup\) 5\.000 ms avg/)
  })
})
