import { createLocalJWKSet, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { fakeContext, request, responseHeader, T0 } from './apps.test-util'
import { CLUSTER_PUBLIC_ADDRESS, INTERNET_HOSTS, internetHost, internetHostForAddress } from './internet'
import type { AppRequest } from './types'

async function get(hostname: string, path: string, init: Partial<AppRequest> = {}, seed = 1) {
  const host = internetHost(hostname)!
  const f = fakeContext({ hosts: {}, seed })
  return host.app.handle(request(path, { host: hostname, sourceIp: CLUSTER_PUBLIC_ADDRESS, headers: [['host', hostname], ['user-agent', 'curl/8.11.1'], ['accept', '*/*']], ...init }), f.ctx)
}

describe('simulated internet', () => {
  it('knows each host with stable addresses, case-insensitively, and nothing else', () => {
    expect(internetHost('HTTPBIN.org.')?.hostname).toBe('httpbin.org')
    expect(internetHost('example.invalid')).toBeUndefined()
    for (const h of INTERNET_HOSTS) {
      expect(h.ports).toEqual([{ port: 80, scheme: 'http' }, { port: 443, scheme: 'https' }])
      expect(internetHostForAddress(h.addresses[0]!)).toBe(h)
    }
    const all = INTERNET_HOSTS.flatMap((h) => h.addresses)
    expect(new Set(all).size).toBe(all.length)
  })

  it('httpbin.org echoes through its load balancer: origin is the caller, a trace id is added', async () => {
    const res = await get('httpbin.org', '/get', { scheme: 'https' })
    const body = JSON.parse(res.body)
    expect(body.origin).toBe(CLUSTER_PUBLIC_ADDRESS)
    expect(body.url).toBe('https://httpbin.org/get')
    expect(body.headers['X-Amzn-Trace-Id']).toMatch(new RegExp(`^Root=1-${Math.floor(T0 / 1000).toString(16)}-[0-9a-f]{24}$`))
    expect(body.headers['X-Forwarded-Proto']).toBeUndefined()
    expect(responseHeader(res, 'server')).toBe('gunicorn/19.9.0')
    expect(res.headers[0]![0]).toBe('Date')
    expect((await get('httpbin.org', '/status/418')).status).toBe(418)
    expect(JSON.parse((await get('httpbin.org', '/get')).body).url).toBe('http://httpbin.org/get')
  })

  it('edition.cnn.com and istio.io redirect http to https with a 301; https serves the page', async () => {
    const cnn = await get('edition.cnn.com', '/politics')
    expect([cnn.status, responseHeader(cnn, 'location')]).toEqual([301, 'https://edition.cnn.com/politics'])
    const page = await get('edition.cnn.com', '/politics', { scheme: 'https' })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Politics - CNN</title>')
    const istio = await get('istio.io', '/latest/docs/')
    expect([istio.status, responseHeader(istio, 'location')]).toEqual([301, 'https://istio.io/latest/docs/'])
  })

  it('www.google.com answers 200 on both schemes, as the real www host does', async () => {
    for (const scheme of ['http', 'https'] as const) {
      const res = await get('www.google.com', '/', { scheme })
      expect([res.status, responseHeader(res, 'server')]).toEqual([200, 'gws'])
      expect(res.body).toContain('<title>Google</title>')
    }
  })

  it("raw.githubusercontent.com serves Istio's JWT samples for release branches and master, and they verify against jwks.json", async () => {
    const base = '/istio/istio/release-1.26/security/tools/jwt/samples'
    const token = (await get('raw.githubusercontent.com', `${base}/demo.jwt`, { scheme: 'https' })).body
    const jwks = JSON.parse((await get('raw.githubusercontent.com', '/istio/istio/master/security/tools/jwt/samples/jwks.json', { scheme: 'https' })).body)
    const { payload } = await jwtVerify(token.trim(), createLocalJWKSet(jwks))
    expect([payload.iss, payload.sub, payload.foo]).toEqual(['testing@secure.istio.io', 'testing@secure.istio.io', 'bar'])
    const groups = (await get('raw.githubusercontent.com', '/istio/istio/release-1.22/security/tools/jwt/samples/groups-scope.jwt', { scheme: 'https' })).body
    expect((await jwtVerify(groups.trim(), createLocalJWKSet(jwks))).payload.groups).toEqual(['group1', 'group2'])
    const missing = await get('raw.githubusercontent.com', '/istio/istio/feature-x/security/tools/jwt/samples/demo.jwt', { scheme: 'https' })
    expect([missing.status, missing.body]).toEqual([404, '404: Not Found'])
    const plain = await get('raw.githubusercontent.com', `${base}/demo.jwt`)
    expect([plain.status, responseHeader(plain, 'location')]).toEqual([301, `https://raw.githubusercontent.com${base}/demo.jwt`])
  })
})
