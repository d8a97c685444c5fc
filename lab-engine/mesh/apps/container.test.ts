import { describe, expect, it } from 'vitest'
import { fakeContext, request } from './apps.test-util'
import { appForContainer } from './catalogue'
import { bindPort, containerArgv, flagValues, listeningPorts } from './container'

const MIRRORING_COMMAND = ['gunicorn', '--access-logfile', '-', '-b', '0.0.0.0:80', 'httpbin:app']

describe('container command lines', () => {
  it('follows Kubernetes: command replaces ENTRYPOINT and CMD, args replace CMD only', () => {
    expect(containerArgv({ image: 'fortio/fortio' })).toEqual(['/usr/bin/fortio', 'server', '-config-dir', '/etc/fortio'])
    expect(containerArgv({ image: 'fortio/fortio', args: ['load', 'http://x'] })).toEqual(['/usr/bin/fortio', 'load', 'http://x'])
    expect(containerArgv({ image: 'fortio/fortio', command: ['sh'], args: ['-c', 'x'] })).toEqual(['sh', '-c', 'x'])
    expect(containerArgv({ image: 'nginx' })).toBeUndefined()
  })

  it('reads the ports each program binds from its flags', () => {
    expect(listeningPorts({ image: 'docker.io/kennethreitz/httpbin' })).toEqual([80])
    expect(listeningPorts({ image: 'docker.io/kennethreitz/httpbin', command: ['gunicorn', '-b', '0.0.0.0:8080', 'httpbin:app'] })).toEqual([8080])
    expect(listeningPorts({ image: 'docker.io/kennethreitz/httpbin', command: ['sleep', '3650d'] })).toEqual([])
    // go-httpbin's image has CMD only: args replace it, so "-port" would be the program and nothing serves.
    expect(listeningPorts({ image: 'mccutchen/go-httpbin', args: ['-port', '9090'] })).toEqual([])
    expect(listeningPorts({ image: 'mccutchen/go-httpbin', command: ['/bin/go-httpbin', '-port', '9090'] })).toEqual([9090])
    expect(listeningPorts({ image: 'mccutchen/go-httpbin', env: { PORT: '7000' } })).toEqual([7000])
    expect(listeningPorts({ image: 'fortio/fortio', args: ['server', '-http-port', '9000', '-grpc-port', 'disabled'] })).toEqual([9000, 8081])
    expect(listeningPorts({ image: 'fortio/fortio', args: ['load', '-c', '3', 'http://httpbin:8000/get'] })).toEqual([])
    expect(listeningPorts({ image: 'istio/examples-bookinfo-details-v1:1.20.2' })).toBeUndefined()
    // One version of Istio's samples/httpbin runs kong/httpbin through pipenv on 8080.
    expect(listeningPorts({ image: 'docker.io/kong/httpbin', command: ['pipenv', 'run', 'gunicorn', '-b', '0.0.0.0:8080', 'httpbin:app', '-k', 'gevent'] })).toEqual([8080])
    expect(listeningPorts({ image: 'docker.io/kong/httpbin' })).toEqual([80])
  })

  it('appForContainer narrows the model to what the command line binds', () => {
    const moved = appForContainer({ image: 'kennethreitz/httpbin', command: ['gunicorn', '-b', '[::]:8080', 'httpbin:app'] })
    expect([moved.listensOn(8080), moved.listensOn(80)]).toEqual([true, false])
    const client = appForContainer({ image: 'fortio/fortio', args: ['load', 'http://a'] })
    expect(client.listensOn(8080)).toBe(false)
    expect(appForContainer({ image: 'nginx' }).listensOn(80)).toBe(true)
  })

  it("writes gunicorn access lines when Istio's mirroring task turns them on", async () => {
    const app = appForContainer({ image: 'docker.io/kennethreitz/httpbin', command: MIRRORING_COMMAND })
    const on = fakeContext({ hosts: {} }, { command: MIRRORING_COMMAND })
    const res = await app.handle(request('/headers', { sourceIp: '127.0.0.6' }), on.ctx)
    expect(on.logs).toEqual([`test-pod-1: 127.0.0.6 - - [01/Jan/2026:12:00:00 +0000] "GET /headers HTTP/1.1" 200 ${res.body.length} "-" "curl/8.11.1"`])
    const off = fakeContext({ hosts: {} })
    await app.handle(request('/headers'), off.ctx)
    expect(off.logs).toEqual([])
  })

  it('fortio with moved ports serves echo and gRPC where its flags say', async () => {
    const args = ['server', '-http-port', '9000', '-grpc-port', '9001']
    const f = fakeContext({ hosts: {} }, { args })
    const app = appForContainer({ image: 'fortio/fortio', args })
    expect((await app.handle(request('/?status=418', { port: 9000 }), f.ctx)).status).toBe(418)
    expect((await app.handle(request('/', { port: 9001 }), f.ctx)).abort).toBe('empty-reply')
  })

  it('parses flags and bind addresses in their usual spellings', () => {
    expect(flagValues(['-b', 'a', '--bind=b', '-port=3'], ['-b', '--bind'])).toEqual(['a', 'b'])
    expect([bindPort('0.0.0.0:80'), bindPort('[::]:5000'), bindPort(':8080'), bindPort('9000'), bindPort('unix:/tmp/s'), bindPort('host', 8000)]).toEqual([80, 5000, 8080, 9000, undefined, 8000])
  })
})
