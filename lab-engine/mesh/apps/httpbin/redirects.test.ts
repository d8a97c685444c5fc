import { describe, expect, it } from 'vitest'
import { fakeContext, request, responseHeader } from '../apps.test-util'
import type { AppModel, AppRequest } from '../types'
import { flaskHttpbinApp } from './flask-httpbin'
import { goHttpbinApp } from './go-httpbin'

const python = flaskHttpbinApp({ name: 'httpbin', ports: [80] })
const host = 'httpbin:8000'

async function call(app: AppModel, path: string, extra: [string, string][] = [], init: Partial<AppRequest> = {}) {
  return app.handle(request(path, { host, headers: [['host', host], ['user-agent', 'curl/8.11.1'], ['x-forwarded-proto', 'http'], ...extra], ...init }), fakeContext({ hosts: {} }).ctx)
}

/** Follows Location headers like curl -L, up to a limit; returns the statuses seen and the final body. */
async function follow(app: AppModel, path: string): Promise<{ hops: number[]; body: string }> {
  const hops: number[] = []
  let next = path
  for (let i = 0; i < 10; i++) {
    const res = await call(app, next)
    hops.push(res.status)
    const loc = responseHeader(res, 'location')
    if (!loc || res.status < 300 || res.status >= 400) return { hops, body: res.body }
    next = loc.replace(`http://${host}`, '')
  }
  throw new Error('too many redirects')
}

describe.each([['Python httpbin', python], ['go-httpbin', goHttpbinApp]] as const)('%s redirects and cookies', (_name, app) => {
  it('/redirect/3 takes three hops to /get', async () => {
    const { hops, body } = await follow(app, '/redirect/3')
    expect(hops).toEqual([302, 302, 302, 200])
    expect(JSON.parse(body).url).toBe('http://httpbin:8000/get')
  })

  it('absolute redirects carry scheme and host', async () => {
    const res = await call(app, '/absolute-redirect/2')
    expect(responseHeader(res, 'location')).toBe('http://httpbin:8000/absolute-redirect/1')
  })

  it('/redirect-to sends Location verbatim with the asked status', async () => {
    const res = await call(app, '/redirect-to?url=http%3A%2F%2Fexample.com%2Fx&status_code=307')
    expect([res.status, responseHeader(res, 'location')]).toEqual([307, 'http://example.com/x'])
  })

  it('/cookies/set sets cookies and points at /cookies, which echoes the Cookie header', async () => {
    const set = await call(app, '/cookies/set?flavour=oat')
    expect(set.status).toBe(302)
    expect(responseHeader(set, 'set-cookie')).toMatch(/^flavour=oat;/)
    const echoed = JSON.parse((await call(app, '/cookies', [['cookie', 'flavour=oat; b=2']])).body)
    expect(echoed.cookies ?? echoed).toEqual({ flavour: 'oat', b: '2' })
  })

  it('/response-headers adds its arguments as response headers', async () => {
    const res = await call(app, '/response-headers?X-Demo=1')
    expect(responseHeader(res, 'x-demo')).toBe('1')
    expect(res.body).toContain('"X-Demo"')
  })

  it('/base64 decodes URL-safe base64', async () => {
    expect((await call(app, '/base64/aGVsbG8gbWVzaA==')).body).toBe('hello mesh')
  })
})

describe('flavour differences', () => {
  it('Python wraps cookies in {"cookies": ...}; Go returns the map itself', async () => {
    expect(JSON.parse((await call(python, '/cookies', [['cookie', 'a=1']])).body)).toEqual({ cookies: { a: '1' } })
    expect(JSON.parse((await call(goHttpbinApp, '/cookies', [['cookie', 'a=1']])).body)).toEqual({ a: '1' })
  })

  it('a zero redirect count is a Go 400 and a Python 500', async () => {
    const go = await call(goHttpbinApp, '/redirect/0')
    expect([go.status, JSON.parse(go.body).detail]).toEqual([400, 'redirect count must be > 0'])
    expect((await call(python, '/redirect/0')).status).toBe(500)
  })
})
