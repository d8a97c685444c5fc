// The workbench's telemetry API on a running server with real PostgreSQL: per-service series, traces and the last fortio
// run of a live sim session; who may read them; bad input as 400 JSON; a driver without telemetry as 404 JSON.
import { afterAll, beforeAll, expect, it } from 'vitest'
import * as loadTestRoute from '@/app/api/lab-sessions/[id]/telemetry/load-test/route'
import * as seriesRoute from '@/app/api/lab-sessions/[id]/telemetry/series/route'
import * as tracesRoute from '@/app/api/lab-sessions/[id]/telemetry/traces/route'
import { NO_TELEMETRY } from '@/app/api/lab-sessions/[id]/telemetry/telemetry-input'
import * as sessionsRoute from '@/app/api/lab-sessions/route'
import { getLabSessions } from '@/lib/lab-sessions/engine'
import type { TraceView } from '@/lab-engine/drivers/cluster-driver'
import { call } from './api-client'
import { dbBackends, describeBackends } from './db-backends'
import { gradersOfTwoCohorts, startLabSessionServer, type LabSessionServer } from './lab-session-server'

const backends = (await dbBackends()).filter((b) => b.name === 'postgres')
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'
const PRODUCTPAGE = 'productpage.default.svc.cluster.local'
type Route = typeof seriesRoute

describeBackends('lab session telemetry', backends, () => {
  let env: LabSessionServer
  let tokens: Record<string, string> = {}
  let id = ''
  const get = (route: Route, who: string | null, query = '', sessionId = id) =>
    call(route.GET, { session: who && tokens[who], params: { id: sessionId }, path: `/api/lab-sessions/${sessionId}/telemetry/x${query}` })

  beforeAll(async () => {
    env = await startLabSessionServer('telemetry', ['lena', 'omar', 'gus', 'hal', 'pia'])
    tokens = env.tokens
    await gradersOfTwoCohorts(env)
    const started = await call(sessionsRoute.POST, { session: tokens.lena, body: { lab: 'request-routing' } })
    expect(started.status).toBe(201)
    id = started.json.session.id
    // Bookinfo and sleep run in that lab's setup; add fortio's client, as Istio's circuit-breaking task does.
    const driver = await getLabSessions().driverFor(id)
    expect((await driver.apply(await driver.readFile('samples/httpbin/sample-client/fortio-deploy.yaml'))).exitCode).toBe(0)
  }, 60_000)

  afterAll(async () => env?.dispose())

  it('charts request rate, 5xx share and latency percentiles per destination service once Prometheus has scraped', async () => {
    const driver = await getLabSessions().driverFor(id)
    for (let i = 0; i < 5; i++) await driver.probeHttp({ namespace: 'default', selector: 'app=sleep' }, { url: 'http://productpage:9080/productpage' })
    // The session runs in real time: the proxies' counters reach "Prometheus" at its next 15 s scrape.
    await expect.poll(async () => (await get(seriesRoute, 'lena', '?window=5m')).json.services, { timeout: 20_000, interval: 1_000 }).toContain(PRODUCTPAGE)
    const res = await get(seriesRoute, 'lena', `?window=5m&service=${PRODUCTPAGE}`)
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ window: '5m', stepMs: 15_000 })
    expect(res.json.endMs - res.json.startMs).toBe(5 * 60_000)
    expect(res.json.services).toEqual(expect.arrayContaining([PRODUCTPAGE, 'reviews.default.svc.cluster.local', 'details.default.svc.cluster.local']))
    expect(res.json.series).toHaveLength(1)
    const { service, points } = res.json.series[0]
    expect(service).toBe(PRODUCTPAGE)
    expect(points).toHaveLength(21)
    const last = points.filter((p: { rps: number | null }) => p.rps !== null).at(-1)
    expect(last.rps).toBeGreaterThan(0)
    expect(last.errorRate).toBe(0)
    expect(last.p50).toBeGreaterThan(0)
    expect(last.p99).toBeGreaterThanOrEqual(last.p50)
    // Without a service: every service, busiest first.
    const all = await get(seriesRoute, 'lena', '')
    expect(all.json.window).toBe('session')
    expect(all.json.series.map((s: { service: string }) => s.service)).toEqual(all.json.services)
  }, 40_000)

  it('lists recent traces as span trees, newest first, and narrows them to a service', async () => {
    const driver = await getLabSessions().driverFor(id)
    await driver.probeHttp({ namespace: 'default', selector: 'app=sleep' }, { url: 'http://productpage:9080/productpage' })
    const res = await get(tracesRoute, 'lena', '?limit=3')
    expect(res.status).toBe(200)
    const traces = res.json.traces as TraceView[]
    expect(traces.length).toBeGreaterThan(0)
    expect(traces.length).toBeLessThanOrEqual(3)
    expect(traces[0]).toMatchObject({ rootService: 'sleep.default', status: 'ok', statusCode: 200 })
    const ids = new Set(traces[0]!.spans.map((s) => s.spanId))
    for (const s of traces[0]!.spans) if (s.parentSpanId) expect(ids.has(s.parentSpanId)).toBe(true)
    expect(traces[0]!.spans.map((s) => s.service)).toEqual(expect.arrayContaining(['productpage.default', 'reviews.default']))
    const narrowed = await get(tracesRoute, 'lena', '?service=details.default.svc.cluster.local')
    for (const t of narrowed.json.traces as TraceView[]) expect(t.spans.some((s) => s.service === 'details.default')).toBe(true)
    expect((await get(tracesRoute, 'lena', '?service=nobody.default')).json.traces).toEqual([])
  })

  it('returns null before a fortio run, then the last run\'s histogram, percentiles, qps and codes', async () => {
    expect((await get(loadTestRoute, 'lena')).json).toEqual({ loadTest: null })
    const driver = await getLabSessions().driverFor(id)
    const fortio = { namespace: 'default', selector: 'app=fortio' }
    await expect.poll(async () => (await driver.list({ kind: 'Pod', namespace: 'default', labelSelector: 'app=fortio' }))
      .some((p) => (p as { status?: { phase?: string } }).status?.phase === 'Running'), { timeout: 20_000 }).toBe(true)
    const run = await driver.exec(fortio, ['fortio', 'load', '-c', '2', '-qps', '0', '-n', '20', '-quiet', 'http://productpage:9080/productpage'], { container: 'fortio' })
    expect(run.exitCode).toBe(0)
    const res = await get(loadTestRoute, 'lena')
    expect(res.status).toBe(200)
    const t = res.json.loadTest
    expect(t).toMatchObject({ url: 'http://productpage:9080/productpage', calls: 20, threads: 2, requestedQps: 'max', codes: { 200: 20 } })
    expect(t.buckets.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(20)
    expect(t.percentiles.map((p: { percentile: number }) => p.percentile)).toEqual(expect.arrayContaining([50, 90, 99]))
    expect(t.actualQps).toBeGreaterThan(0)
  }, 40_000)

  it.each([
    ['a grader of her cohort', 200, 'gus', seriesRoute],
    ['a grader of her cohort, traces', 200, 'gus', tracesRoute],
    ['no session', 401, null, seriesRoute],
    ['no session, load test', 401, null, loadTestRoute],
    ['another learner', 403, 'omar', tracesRoute],
    ['another learner, load test', 403, 'omar', loadTestRoute],
    ['a grader of another cohort', 403, 'hal', seriesRoute],
  ] as const)('answers %s with %i', async (_name, status, who, route) => {
    expect((await get(route as Route, who)).status).toBe(status)
  })

  it.each([
    ['an unknown session', 404, seriesRoute, '', UNKNOWN_ID, 'No such lab session.'],
    ['a malformed session id', 404, loadTestRoute, '', 'not-a-uuid', 'No such lab session.'],
    ['an unknown window', 400, seriesRoute, '?window=2d', '', 'window is one of 5m, 15m, 30m, 1h or session.'],
    ['a service with quotes', 400, seriesRoute, '?service=a"}or{b', '', 'A service is a host name: lower-case letters, digits, dots and dashes.'],
    ['an oversized service', 400, tracesRoute, `?service=${'a'.repeat(254)}`, '', 'A service name is at most 253 characters.'],
    ['a limit of 0', 400, tracesRoute, '?limit=0', '', 'limit is at least 1.'],
    ['a limit over the cap', 400, tracesRoute, '?limit=51', '', 'limit is at most 50.'],
    ['a limit that is no number', 400, tracesRoute, '?limit=ten', '', 'limit is a number.'],
  ] as const)('answers %s with %i JSON', async (_name, status, route, query, sessionId, message) => {
    const res = await get(route as Route, 'lena', query, sessionId || id)
    expect(res.status).toBe(status)
    expect(res.json.error.message).toBe(message)
  })

  it('answers 404 JSON saying so when the session\'s driver has no telemetry (as kind without its addons)', async () => {
    const started = await call(sessionsRoute.POST, { session: tokens.pia, body: { lab: 'playground' } })
    expect(started.status).toBe(201)
    const other = started.json.session.id
    // Stand-in for a driver whose capabilities say no telemetry (kind cannot run on this machine).
    const driver = await getLabSessions().driverFor(other)
    Object.defineProperty(driver, 'capabilities', { value: { ...driver.capabilities, telemetry: false } })
    for (const route of [seriesRoute, tracesRoute, loadTestRoute] as Route[]) {
      const res = await call(route.GET, { session: tokens.pia, params: { id: other } })
      expect(res.status).toBe(404)
      expect(res.json.error).toEqual({ code: 'not_found', message: NO_TELEMETRY })
    }
  })
})
