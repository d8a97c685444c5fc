import { describe, expect, it } from 'vitest'
import { fakeContext, request, responseHeader } from './apps.test-util'
import { appForContainer, appForImage } from './catalogue'

describe('tutorial servers', () => {
  it('http-echo answers its -text on its -listen port (kind ingress docs: -text=foo on 5678)', async () => {
    const args = ['-text=foo']
    const app = appForContainer({ image: 'hashicorp/http-echo:1.0', args })
    expect(app.listensOn(5678)).toBe(true)
    const res = await app.handle(request('/anything'), fakeContext({ hosts: {} }, { args }).ctx)
    expect([res.status, res.body, responseHeader(res, 'x-app-name')]).toEqual([200, 'foo\n', 'http-echo'])
    expect(appForContainer({ image: 'hashicorp/http-echo', args: ['-listen', ':9999', '-text', 'x'] }).ports).toEqual([9999])
  })

  it('hello-app prints the version from its tag and the pod name; $PORT moves it', async () => {
    const res = await appForImage('us-docker.pkg.dev/google-samples/containers/gke/hello-app:2.0').handle(request('/'), fakeContext({ hosts: {} }, { name: 'web-5b8f7' }).ctx)
    expect(res.body).toBe('Hello, world!\nVersion: 2.0.0\nHostname: web-5b8f7\n')
    expect(appForContainer({ image: 'gcr.io/google-samples/hello-app:1.0', env: { PORT: '9000' } }).ports).toEqual([9000])
  })

  it("kicbase/echo-server (minikube's hello-minikube) echoes the request", async () => {
    const res = await appForImage('kicbase/echo-server:1.0').handle(request('/hi?x=1', { host: 'localhost:7080', headers: [['host', 'localhost:7080'], ['user-agent', 'curl/8.11.1'], ['accept', '*/*']] }), fakeContext({ hosts: {} }, { name: 'hello-minikube-59d4768566-vx4tz' }).ctx)
    expect(res.body).toBe('Request served by hello-minikube-59d4768566-vx4tz\n\nHTTP/1.1 GET /hi?x=1\n\nHost: localhost:7080\nAccept: */*\nUser-Agent: curl/8.11.1\n')
  })

  it('httpd says It works! on 80 and 404s elsewhere', async () => {
    const ctx = fakeContext({ hosts: {} }).ctx
    const app = appForImage('httpd:2.4')
    expect((await app.handle(request('/'), ctx)).body).toBe('<html><body><h1>It works!</h1></body></html>\n')
    expect((await app.handle(request('/x'), ctx)).status).toBe(404)
    expect(app.listensOn(80)).toBe(true)
  })
})
