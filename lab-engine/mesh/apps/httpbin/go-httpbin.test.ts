import { describe, expect, it } from 'vitest'
import { fakeContext, request, responseHeader } from '../apps.test-util'
import type { AppRequest } from '../types'
import { goHttpbinApp } from './go-httpbin'

const host = 'httpbin:8000'
const base: [string, string][] = [['host', host], ['user-agent', 'curl/8.11.1'], ['accept', '*/*'], ['x-forwarded-proto', 'http'], ['x-request-id', 'r1'], ['x-b3-sampled', '0']]

async function call(path: string, init: Partial<AppRequest> = {}, seed = 1) {
  const f = fakeContext({ hosts: {}, seed })
  const res = await goHttpbinApp.handle(request(path, { host, headers: base, ...init }), f.ctx)
  return { res, logs: f.logs }
}

describe('go-httpbin', () => {
  it('/headers lists every header under Go canonical names, sorted, as arrays', async () => {
    const { res } = await call('/headers')
    expect(responseHeader(res, 'content-type')).toBe('application/json; charset=utf-8')
    expect(res.body).toBe(`{
  "headers": {
    "Accept": [
      "*/*"
    ],
    "Host": [
      "httpbin:8000"
    ],
    "User-Agent": [
      "curl/8.11.1"
    ],
    "X-B3-Sampled": [
      "0"
    ],
    "X-Forwarded-Proto": [
      "http"
    ],
    "X-Request-Id": [
      "r1"
    ]
  }
}
`)
  })

  it('/get keeps field order args, headers, method, origin, url', async () => {
    const body = JSON.parse((await call('/get?x=1&x=2')).res.body)
    expect(Object.keys(body)).toEqual(['args', 'headers', 'method', 'origin', 'url'])
    expect(body.args).toEqual({ x: ['1', '2'] })
    expect([body.method, body.origin, body.url]).toEqual(['GET', '127.0.0.6', 'http://httpbin:8000/get?x=1&x=2'])
  })

  it('origin is the first X-Forwarded-For entry', async () => {
    const { res } = await call('/ip', { headers: [...base, ['x-forwarded-for', '192.168.1.9, 10.0.0.1']] })
    expect(JSON.parse(res.body)).toEqual({ origin: '192.168.1.9' })
  })

  it('/status: plain text codes, the teapot, JSON errors for bad input, weighted lists from the Rng', async () => {
    const s = (await call('/status/503')).res
    expect([s.status, s.body, responseHeader(s, 'content-type')]).toEqual([503, '', 'text/plain; charset=utf-8'])
    expect((await call('/status/418')).res.body).toBe("I'm a teapot!")
    const bad = (await call('/status/abc')).res
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.body)).toEqual({ status_code: 400, error: 'Bad Request', detail: 'invalid status code: "abc": strconv.Atoi: parsing "abc": invalid syntax' })
    const statuses = new Set<number>()
    for (let seed = 1; seed <= 30; seed++) statuses.add((await call('/status/200:1,504:1', {}, seed)).res.status)
    expect(statuses).toEqual(new Set([200, 504]))
  })

  it('/delay accepts seconds or Go durations up to 10s and reports Server-Timing', async () => {
    const d = (await call('/delay/1.5')).res
    expect(d.serviceTimeMs).toBeGreaterThanOrEqual(1500)
    expect(d.serviceTimeMs).toBeLessThan(1501)
    expect(responseHeader(d, 'server-timing')).toBe('initial_delay;dur=1500.00;desc="initial delay"')
    expect((await call('/delay/250ms')).res.serviceTimeMs).toBeLessThan(251)
    const long = (await call('/delay/20')).res
    expect(long.status).toBe(400)
    expect(JSON.parse(long.body).detail).toBe('invalid duration: duration 20s longer than 10s')
  })

  it('-max-duration or MAX_DURATION raises the /delay cap, the flag winning', async () => {
    const run = async (pod: Record<string, unknown>) => goHttpbinApp.handle(request('/delay/30', { host, headers: base }), fakeContext({ hosts: {} }, pod).ctx)
    expect((await run({ args: ['-max-duration', '600s'], command: ['go-httpbin'] })).status).toBe(200)
    expect((await run({ env: { MAX_DURATION: '1m' } })).serviceTimeMs).toBeGreaterThanOrEqual(30_000)
    const capped = await run({ command: ['go-httpbin', '-max-duration', '20s'], env: { MAX_DURATION: '1m' } })
    expect(JSON.parse(capped.body).detail).toBe('invalid duration: duration 30s longer than 20s')
  })

  it('writes handler headers sorted, then Date and Content-Length, with CORS', async () => {
    const names = (await call('/get')).res.headers.map(([k]) => k)
    expect(names).toEqual(['Access-Control-Allow-Credentials', 'Access-Control-Allow-Origin', 'Content-Type', 'Date', 'Content-Length'])
  })

  it('404 and 405 as go-httpbin JSON errors; /anything takes any method with body fields', async () => {
    expect(JSON.parse((await call('/nope')).res.body)).toEqual({ status_code: 404, error: 'Not Found' })
    expect((await call('/get', { method: 'DELETE' })).res.status).toBe(405)
    const any = JSON.parse((await call('/anything/a', { method: 'POST', body: '{"n":1}', headers: [...base, ['content-type', 'application/json']] })).res.body)
    expect([any.method, any.json, any.data, any.form]).toEqual(['POST', { n: 1 }, '{"n":1}', {}])
    // A body without a textual type comes back as a base64 data URL (encodeData).
    const raw = JSON.parse((await call('/anything', { method: 'POST', body: 'hi?' })).res.body)
    expect(raw.data).toBe('data:application/octet-stream;base64,aGk_')
  })

  it('logs each request as slog text', async () => {
    const { logs } = await call('/status/404')
    expect(logs[0]).toMatch(/^test-pod-1: time=2026-01-01T12:00:00.000Z level=WARN msg="404 GET \/status\/404 [\d.]+ms" status=404 method=GET uri=\/status\/404 /)
  })
})
