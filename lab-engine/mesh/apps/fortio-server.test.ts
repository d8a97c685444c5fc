import { describe, expect, it } from 'vitest'
import { Rng } from '../../core/rng'
import { fakeContext, request, responseHeader, T0 } from './apps.test-util'
import { echoDelayMs, echoStatus, FORTIO_MAX_ECHO_DELAY_MS, fortioServerApp } from './fortio-server'
import type { AppRequest } from './types'

async function call(path: string, init: Partial<AppRequest> = {}, seed = 1) {
  const f = fakeContext({ hosts: {}, seed }, { name: 'fortio-deploy-7cb', startedAt: T0 - 62_340 })
  return fortioServerApp.handle(request(path, { host: 'fortio:8080', port: 8080, ...init }), f.ctx)
}

describe('fortio server', () => {
  it('echoes the request body and content type on any path', async () => {
    const res = await call('/any/where', { method: 'POST', body: 'hello', headers: [['host', 'fortio:8080'], ['content-type', 'application/json']] })
    expect([res.status, res.body, responseHeader(res, 'content-type')]).toEqual([200, 'hello', 'application/json'])
    const empty = await call('/')
    expect([empty.status, empty.body, responseHeader(empty, 'content-length')]).toEqual([200, '', '0'])
    // Go sniffs a type only from body bytes: none for an empty echo, text/plain for text.
    expect(responseHeader(empty, 'content-type')).toBeUndefined()
    expect(responseHeader(await call('/', { method: 'POST', body: 'x' }), 'content-type')).toBe('text/plain; charset=utf-8')
  })

  it('?status=503 always; ?status=503:50 about half the time', async () => {
    expect((await call('/echo?status=503')).status).toBe(503)
    let n503 = 0
    const rng = Rng.seeded(42)
    for (let i = 0; i < 2000; i++) if (echoStatus('503:50', rng) === 503) n503++
    expect(n503).toBeGreaterThan(900)
    expect(n503).toBeLessThan(1100)
    expect(echoStatus('503:20,429:10', Rng.seeded(3))).toSatisfy((s: number) => [200, 503, 429].includes(s))
    expect(echoStatus('abc', Rng.seeded(1))).toBe(400)
    expect(echoStatus('503:60,429:50', Rng.seeded(1))).toBe(400)
  })

  it('?delay= adds service time, capped at the max echo delay', async () => {
    expect((await call('/?delay=250ms')).serviceTimeMs).toBeGreaterThanOrEqual(250)
    expect((await call('/?delay=250ms')).serviceTimeMs).toBeLessThan(251)
    expect((await call('/?delay=10s')).serviceTimeMs).toBeLessThan(FORTIO_MAX_ECHO_DELAY_MS + 1)
    expect(echoDelayMs('1s:100', Rng.seeded(1))).toBe(1000)
    expect(echoDelayMs('1s:0', Rng.seeded(1))).toBe(0)
  })

  it('?size=, ?header= and ?close= shape the reply', async () => {
    const res = await call('/?size=100&header=X-Test:yes&close=1')
    expect(res.body).toHaveLength(100)
    expect(responseHeader(res, 'content-type')).toBe('application/octet-stream')
    expect(responseHeader(res, 'x-test')).toBe('yes')
    expect(responseHeader(res, 'connection')).toBe('close')
  })

  it('/debug prints the request with the uptime, pod name and headers', async () => {
    const res = await call('/debug', { headers: [['host', 'fortio:8080'], ['user-agent', 'curl/8.11.1'], ['x-b3-sampled', '0']] })
    expect(res.body).toMatch(/^Φορτίο version 1\.69\.0 .* echo debug server up for 1m2\.3s on fortio-deploy-7cb - request from 127\.0\.0\.6:\d+\n\nGET \/debug HTTP\/1\.1\n\nheaders:\n\nHost: fortio:8080\nUser-Agent: curl\/8\.11\.1\nX-B3-Sampled: 0\n\nbody:\n\n\n$/)
  })

  it('port 8079 is gRPC only: an HTTP/1.1 request gets no reply; 8081 redirects to https', async () => {
    expect((await call('/', { port: 8079 })).abort).toBe('empty-reply')
    const r = await call('/x?y=1', { port: 8081 })
    expect([r.status, responseHeader(r, 'location')]).toEqual([303, 'https://fortio:8080/x?y=1'])
  })
})
