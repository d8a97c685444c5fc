import { describe, expect, it } from 'vitest'
import { AccessLogStore, RESPONSE_CODE_DETAILS, formatAccessLog, type AccessLogRecord } from './access-log'

const START = Date.parse('2020-11-25T21:26:18.409Z')

// The sleep -> httpbin example from Istio's "Envoy Access Logs" task.
const sleepSide: AccessLogRecord = {
  startMs: START,
  method: 'GET',
  path: '/status/418',
  protocol: 'HTTP/1.1',
  responseCode: 418,
  responseCodeDetails: RESPONSE_CODE_DETAILS.viaUpstream,
  bytesReceived: 0,
  bytesSent: 135,
  durationMs: 4,
  upstreamServiceTimeMs: 4,
  userAgent: 'curl/7.73.0-DEV',
  requestId: '84961386-6d84-929d-98bd-c5aee93b5c88',
  authority: 'httpbin:8000',
  upstreamHost: '10.44.1.27:80',
  upstreamCluster: 'outbound|8000||httpbin.foo.svc.cluster.local',
  upstreamLocalAddress: '10.44.1.23:37652',
  downstreamLocalAddress: '10.0.45.184:8000',
  downstreamRemoteAddress: '10.44.1.23:46520',
  routeName: 'default',
}

describe('formatAccessLog', () => {
  it('prints the client side line of the documented example', () => {
    expect(formatAccessLog(sleepSide)).toBe(
      '[2020-11-25T21:26:18.409Z] "GET /status/418 HTTP/1.1" 418 - via_upstream - "-" 0 135 4 4 "-" "curl/7.73.0-DEV" "84961386-6d84-929d-98bd-c5aee93b5c88" "httpbin:8000" "10.44.1.27:80" outbound|8000||httpbin.foo.svc.cluster.local 10.44.1.23:37652 10.0.45.184:8000 10.44.1.23:46520 - default',
    )
  })

  it('prints the server side line of the documented example', () => {
    const server: AccessLogRecord = {
      ...sleepSide,
      durationMs: 3,
      upstreamServiceTimeMs: 1,
      upstreamHost: '127.0.0.1:80',
      upstreamCluster: 'inbound|8000||',
      upstreamLocalAddress: '127.0.0.1:41854',
      downstreamLocalAddress: '10.44.1.27:80',
      downstreamRemoteAddress: '10.44.1.23:37652',
      requestedServerName: 'outbound_.8000_._.httpbin.foo.svc.cluster.local',
    }
    expect(formatAccessLog(server)).toBe(
      '[2020-11-25T21:26:18.409Z] "GET /status/418 HTTP/1.1" 418 - via_upstream - "-" 0 135 3 1 "-" "curl/7.73.0-DEV" "84961386-6d84-929d-98bd-c5aee93b5c88" "httpbin:8000" "127.0.0.1:80" inbound|8000|| 127.0.0.1:41854 10.44.1.27:80 10.44.1.23:37652 outbound_.8000_._.httpbin.foo.svc.cluster.local default',
    )
  })

  it('a circuit-breaker local reply: flags, details, and dashes for what never happened', () => {
    const line = formatAccessLog({
      startMs: START,
      method: 'GET',
      path: '/get',
      protocol: 'HTTP/1.1',
      responseCode: 503,
      responseFlags: ['UO'],
      responseCodeDetails: RESPONSE_CODE_DETAILS.overflow,
      bytesReceived: 0,
      bytesSent: 81,
      durationMs: 0.7,
      upstreamCluster: 'outbound|8000||httpbin.default.svc.cluster.local',
    })
    expect(line).toBe(
      '[2020-11-25T21:26:18.409Z] "GET /get HTTP/1.1" 503 UO upstream_reset_before_response_started{overflow} - "-" 0 81 0 - "-" "-" "-" "-" "-" outbound|8000||httpbin.default.svc.cluster.local - - - - -',
    )
  })

  it('X-ENVOY-ORIGINAL-PATH wins over the rewritten path; TCP prints dashes', () => {
    expect(formatAccessLog({ ...sleepSide, path: '/new', originalPath: '/old' })).toContain('"GET /old HTTP/1.1"')
    const tcp = formatAccessLog({ startMs: START, responseCode: 0, bytesReceived: 10, bytesSent: 20, durationMs: 5 })
    expect(tcp.startsWith('[2020-11-25T21:26:18.409Z] "- - -" 0 - - - "-" 10 20 5 -')).toBe(true)
  })
})

describe('AccessLogStore', () => {
  it('keeps lines per pod and stays bounded', () => {
    const store = new AccessLogStore(3)
    store.log({ namespace: 'default', pod: 'sleep-1' }, sleepSide)
    for (let i = 0; i < 3; i++) store.log({ namespace: 'default', pod: 'httpbin-1' }, { ...sleepSide, responseCode: 200 + i })
    expect(store.linesFor('default', 'sleep-1')).toEqual([])
    expect(store.linesFor('default', 'httpbin-1').map((l) => l.split(' ')[4])).toEqual(['200', '201', '202'])
    expect(store.dropped).toBe(1)
  })
})
