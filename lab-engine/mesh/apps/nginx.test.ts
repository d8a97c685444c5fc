import { describe, expect, it } from 'vitest'
import { fakeContext, request, responseHeader } from './apps.test-util'
import { istiodApp } from './istiod'
import { nginxApp } from './nginx'

describe('nginx', () => {
  it('serves the welcome page with the image headers and logs in combined format', async () => {
    const f = fakeContext({ hosts: {} })
    const res = await nginxApp.handle(request('/'), f.ctx)
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>Welcome to nginx!</title>')
    expect(responseHeader(res, 'content-length')).toBe('615')
    expect(responseHeader(res, 'server')).toMatch(/^nginx\/1\./)
    expect(f.logs[0]).toBe('test-pod-1: 127.0.0.6 - - [01/Jan/2026:12:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.11.1" "-"')
  })

  it('404s other paths and refuses POST with 405', async () => {
    const f = fakeContext({ hosts: {} })
    const nf = await nginxApp.handle(request('/missing'), f.ctx)
    expect(nf.status).toBe(404)
    expect(nf.body).toContain('<center><h1>404 Not Found</h1></center>')
    expect((await nginxApp.handle(request('/', { method: 'POST' }), f.ctx)).status).toBe(405)
  })
})

describe('istiod', () => {
  it('answers /ready on 8080, /version on 15014, and closes gRPC ports', async () => {
    const f = fakeContext({ hosts: {} })
    expect((await istiodApp.handle(request('/ready', { port: 8080 }), f.ctx)).status).toBe(200)
    expect((await istiodApp.handle(request('/version', { port: 15014 }), f.ctx)).body).toMatch(/^1\.26\.0/)
    expect((await istiodApp.handle(request('/metrics', { port: 15014 }), f.ctx)).body).toContain('# TYPE pilot_xds gauge')
    expect((await istiodApp.handle(request('/', { port: 15012 }), f.ctx)).abort).toBe('empty-reply')
  })
})
