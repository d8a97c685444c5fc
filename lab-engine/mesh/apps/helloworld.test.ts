import { describe, expect, it } from 'vitest'
import { fakeContext, request, responseHeader } from './apps.test-util'
import { HELLOWORLD_SERVICE_TIME, helloworldApp } from './helloworld'

describe('helloworld', () => {
  it('/hello names the version baked into the image and the pod', async () => {
    const f = fakeContext({ hosts: {} }, { name: 'helloworld-v2-5b46bc9f84-7x2kq' })
    const res = await helloworldApp('v2').handle(request('/hello'), f.ctx)
    expect(res.body).toBe('Hello version: v2, instance: helloworld-v2-5b46bc9f84-7x2kq\n')
    expect(responseHeader(res, 'content-type')).toBe('text/html; charset=utf-8')
    expect(res.serviceTimeMs).toBeGreaterThanOrEqual(HELLOWORLD_SERVICE_TIME.baseMs)
    expect(res.serviceTimeMs).toBeLessThan(HELLOWORLD_SERVICE_TIME.baseMs + HELLOWORLD_SERVICE_TIME.jitterMs)
  })

  it('a pod env SERVICE_VERSION overrides the image; /health is cheap; other paths 404', async () => {
    const f = fakeContext({ hosts: {} }, { env: { SERVICE_VERSION: 'v9', HOSTNAME: 'h' } })
    expect((await helloworldApp('v1').handle(request('/hello'), f.ctx)).body).toBe('Hello version: v9, instance: h\n')
    const health = await helloworldApp('v1').handle(request('/health'), f.ctx)
    expect([health.status, health.body]).toEqual([200, 'Helloworld is healthy'])
    expect(health.serviceTimeMs).toBeLessThan(5)
    expect((await helloworldApp('v1').handle(request('/x'), f.ctx)).status).toBe(404)
  })
})
