import { describe, expect, it } from 'vitest'
import { fakeContext, request, responseHeader } from '../apps.test-util'
import type { AppRequest } from '../types'
import { flaskHttpbinApp } from './flask-httpbin'

const app = flaskHttpbinApp({ name: 'httpbin', ports: [80] })
const host = 'httpbin:8000'
const sidecarHeaders: [string, string][] = [
  ['host', host], ['user-agent', 'curl/8.11.1'], ['accept', '*/*'], ['x-forwarded-proto', 'http'],
  ['x-request-id', 'e4b7'], ['x-b3-traceid', 'abc'], ['x-envoy-attempt-count', '1'],
]

async function call(path: string, init: Partial<AppRequest> = {}, seed = 1) {
  const f = fakeContext({ hosts: {}, seed })
  return app.handle(request(path, { host, headers: sidecarHeaders, ...init }), f.ctx)
}

describe('httpbin (Python)', () => {
  it('/get echoes url, args, title-cased headers and origin in Flask pretty JSON', async () => {
    const res = await call('/get?a=1&b=2&b=3')
    expect(res.status).toBe(200)
    expect(responseHeader(res, 'content-type')).toBe('application/json')
    expect(responseHeader(res, 'server')).toBe('gunicorn/19.9.0')
    expect(responseHeader(res, 'access-control-allow-origin')).toBe('*')
    expect(res.body).toContain('  "args": {\n    "a": "1", \n    "b": [\n      "2", \n      "3"\n    ]\n  }, \n')
    const body = JSON.parse(res.body)
    expect(body.url).toBe('http://httpbin:8000/get?a=1&b=2&b=3')
    expect(body.origin).toBe('127.0.0.6')
    expect(body.headers).toEqual({ Host: host, 'User-Agent': 'curl/8.11.1', Accept: '*/*', 'X-B3-Traceid': 'abc', 'X-Envoy-Attempt-Count': '1' })
  })

  it('shows X-Request-Id and X-Forwarded-Proto only with ?show_env', async () => {
    const body = JSON.parse((await call('/headers?show_env=1')).body)
    expect(body.headers['X-Request-Id']).toBe('e4b7')
    expect(body.headers['X-Forwarded-Proto']).toBe('http')
  })

  it('/ip prefers X-Forwarded-For as received', async () => {
    const res = await call('/ip', { headers: [...sidecarHeaders, ['x-forwarded-for', '10.0.0.5, 10.0.0.6']] })
    expect(res.body).toBe('{\n  "origin": "10.0.0.5, 10.0.0.6"\n}\n')
  })

  it('/status/<code> answers the code; 418 is the teapot; a list is a weighted choice from the Rng', async () => {
    expect((await call('/status/503')).status).toBe(503)
    const teapot = await call('/status/418')
    expect(teapot.body).toContain('-=[ teapot ]=-')
    expect(responseHeader(teapot, 'x-more-info')).toBe('http://tools.ietf.org/html/rfc2324')
    expect(responseHeader(teapot, 'content-type')).toBeUndefined()
    expect(teapot.statusText).toBe("I'M A TEAPOT")
    expect(responseHeader(await call('/status/500'), 'content-type')).toBe('text/html; charset=utf-8')
    expect(responseHeader(await call('/status/302'), 'location')).toBe('/redirect/1')
    const seen = new Set<number>()
    for (let seed = 1; seed <= 40; seed++) seen.add((await call('/status/200,503', {}, seed)).status)
    expect(seen).toEqual(new Set([200, 503]))
    const never = new Set<number>()
    for (let seed = 1; seed <= 20; seed++) never.add((await call('/status/200:0,500:1', {}, seed)).status)
    expect(never).toEqual(new Set([500]))
    const bad = await call('/status/abc')
    expect([bad.status, bad.body]).toEqual([400, 'Invalid status code'])
  })

  it('/delay/<n> adds n seconds of service time, capped at 10', async () => {
    const quick = (await call('/get')).serviceTimeMs
    const d2 = await call('/delay/2')
    expect(d2.serviceTimeMs - 2000).toBeGreaterThan(0)
    expect(d2.serviceTimeMs - 2000).toBeLessThan(quick + 5)
    expect((await call('/delay/60')).serviceTimeMs).toBeLessThan(10_010)
    expect((await call('/delay/60')).serviceTimeMs).toBeGreaterThanOrEqual(10_000)
    expect(Object.keys(JSON.parse(d2.body)).sort()).toEqual(['args', 'data', 'files', 'form', 'headers', 'origin', 'url'])
    expect((await call('/delay/x')).status).toBe(500)
  })

  it('/post parses form and JSON bodies; /get refuses POST', async () => {
    const form = JSON.parse((await call('/post', { method: 'POST', body: 'a=1&a=2&b=x', headers: [...sidecarHeaders, ['content-type', 'application/x-www-form-urlencoded']] })).body)
    expect(form.form).toEqual({ a: ['1', '2'], b: 'x' })
    expect(form.data).toBe('')
    const js = JSON.parse((await call('/post', { method: 'POST', body: '{"k":[1]}', headers: [...sidecarHeaders, ['content-type', 'application/json']] })).body)
    expect([js.json, js.data]).toEqual([{ k: [1] }, '{"k":[1]}'])
    const refused = await call('/get', { method: 'POST' })
    expect(refused.status).toBe(405)
    expect(responseHeader(refused, 'allow')).toBe('GET, HEAD, OPTIONS')
  })

  it('/anything echoes method and path; /uuid comes from the seeded Rng; unknown paths 404', async () => {
    const any = JSON.parse((await call('/anything/x/y?q=1', { method: 'PUT' })).body)
    expect([any.method, any.url, any.args]).toEqual(['PUT', 'http://httpbin:8000/anything/x/y?q=1', { q: '1' }])
    const u1 = JSON.parse((await call('/uuid', {}, 7)).body).uuid
    expect(u1).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(JSON.parse((await call('/uuid', {}, 7)).body).uuid).toBe(u1)
    expect(JSON.parse((await call('/uuid', {}, 8)).body).uuid).not.toBe(u1)
    expect((await call('/nope')).status).toBe(404)
    expect(JSON.parse((await call('/user-agent')).body)).toEqual({ 'user-agent': 'curl/8.11.1' })
  })
})
