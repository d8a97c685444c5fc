// Property: every app model answers any request (odd paths, methods, bodies, headers) without throwing, with a sane response.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fakeContext, request } from './apps.test-util'
import { appForImage } from './catalogue'
import { INTERNET_HOSTS } from './internet'
import type { AppModel, AppRequest, UpstreamFailure } from './types'

const IMAGES = [
  'istio/examples-bookinfo-productpage-v1', 'istio/examples-bookinfo-details-v1', 'istio/examples-bookinfo-reviews-v3',
  'istio/examples-bookinfo-ratings-v1', 'kennethreitz/httpbin', 'mccutchen/go-httpbin', 'fortio/fortio', 'nginx',
  'istio/examples-helloworld-v1', 'istio/pilot', 'prom/prometheus', 'grafana/grafana', 'quay.io/kiali/kiali', 'jaegertracing/all-in-one',
  'hashicorp/http-echo', 'gcr.io/google-samples/hello-app:1.0', 'kicbase/echo-server:1.0', 'httpd', 'istio/tcp-echo-server',
]

const apps: [string, AppModel][] = [
  ...IMAGES.map((i): [string, AppModel] => [i, appForImage(i)]),
  ...INTERNET_HOSTS.map((h): [string, AppModel] => [h.hostname, h.app]),
]

const segment = fc.oneof(fc.constantFrom('status', 'delay', 'anything', 'redirect', 'api', 'v1', 'products', '0', '%', '%zz', '..', 'ratings', 'reviews', 'details', 'login', 'cookies', 'base64', 'debug', 'echo'), fc.string({ maxLength: 8 }))
const pathArb = fc.tuple(fc.array(segment, { maxLength: 5 }), fc.option(fc.string({ maxLength: 20 }))).map(([segs, q]) => `/${segs.map(encodeURIComponent).join('/')}${q === null ? '' : `?${q}`}`)
const reqArb = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'BREW'),
  path: pathArb,
  body: fc.string({ maxLength: 200 }),
  headers: fc.array(fc.tuple(fc.constantFrom('content-type', 'cookie', 'x-forwarded-for', 'referer', 'end-user', 'x-other'), fc.string({ maxLength: 30 })), { maxLength: 4 }),
  scheme: fc.constantFrom('http' as const, 'https' as const),
  port: fc.constantFrom(80, 443, 8080, 8079, 9080, 5000, 15014),
})

describe('headers built from request input stay well-formed', () => {
  const cases: [string, AppModel, (k: string, v: string) => string][] = [
    ['fortio ?header=', appForImage('fortio/fortio'), (k, v) => `/?header=${encodeURIComponent(`${k}:${v}`)}`],
    ['httpbin /response-headers', appForImage('kennethreitz/httpbin'), (k, v) => `/response-headers?${encodeURIComponent(k)}=${encodeURIComponent(v)}`],
    ['go-httpbin /response-headers', appForImage('mccutchen/go-httpbin'), (k, v) => `/response-headers?${encodeURIComponent(k)}=${encodeURIComponent(v)}`],
    ['go-httpbin /cookies/set', appForImage('mccutchen/go-httpbin'), (k, v) => `/cookies/set?${encodeURIComponent(k)}=${encodeURIComponent(v)}`],
  ]
  it.each(cases)('%s', async (_name, app, path) => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), async (k, v) => {
      const res = await app.handle(request(path(k, `${v}\r\nInjected: 1`), { port: 8080 }), fakeContext({ hosts: {} }).ctx)
      for (const [name, value] of res.headers) {
        expect(name).toMatch(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/)
        expect(value).not.toMatch(/[\r\n]/)
      }
      expect(res.headers.some(([name]) => name === 'Injected')).toBe(false)
    }), { numRuns: 100, seed: 3 })
  })
})

describe('every app model answers anything', () => {
  it.each(apps)('%s', async (_name, app) => {
    const down: UpstreamFailure = { kind: 'upstream-failure', reason: 'connect', message: 'Connection refused' }
    await fc.assert(fc.asyncProperty(reqArb, async (r) => {
      const f = fakeContext({ hosts: { details: down, reviews: down, ratings: down } })
      const req: AppRequest = request(r.path, { ...r, headers: [['host', 'svc'], ...r.headers] })
      const res = await app.handle(req, f.ctx)
      if (res.abort) return
      expect(Number.isInteger(res.status) && res.status >= 100 && res.status <= 599).toBe(true)
      expect(res.serviceTimeMs).toBeGreaterThanOrEqual(0)
      expect(Number.isFinite(res.serviceTimeMs)).toBe(true)
      expect(typeof res.body).toBe('string')
      for (const [k, v] of res.headers) expect(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k) && !/[\r\n]/.test(v)).toBe(true)
    }), { numRuns: 150, seed: 7 })
  })
})
