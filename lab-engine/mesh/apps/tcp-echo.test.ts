import { describe, expect, it } from 'vitest'
import { fakeContext, request } from './apps.test-util'
import { appForContainer } from './catalogue'
import { echoLines, tcpEchoApp } from './tcp-echo'

const V1_ARGS = ['9000,9001,9002', 'one']

describe('tcp-echo', () => {
  it('listens where its args say (Istio sample: 9000,9001,9002) and prefixes each line with the version word', async () => {
    const app = appForContainer({ image: 'docker.io/istio/tcp-echo-server:1.3', args: V1_ARGS })
    expect([9000, 9001, 9002].map((p) => app.listensOn(p))).toEqual([true, true, true])
    expect(app.listensOn(80)).toBe(false)
    const f = fakeContext({ hosts: {} }, { args: V1_ARGS })
    const reply = await app.tcp!('Mon Nov 12 23:24:57 UTC 2018\n', 9000, f.ctx)
    expect(reply.output).toBe('one Mon Nov 12 23:24:57 UTC 2018\n')
    expect(f.logs).toEqual(['test-pod-1: request: Mon Nov 12 23:24:57 UTC 2018', 'test-pod-1: response: one Mon Nov 12 23:24:57 UTC 2018'])
  })

  it('uses the image default (9000, "hello") without args and drops an unterminated last line', async () => {
    expect(appForContainer({ image: 'istio/tcp-echo-server:1.3' }).ports).toEqual([9000])
    expect(echoLines('a\nb\npartial', 'hello')).toBe('hello a\nhello b\n')
    const reply = await tcpEchoApp.tcp!('x\n', 9000, fakeContext({ hosts: {} }).ctx)
    expect(reply.output).toBe('hello x\n')
  })

  it('answers an HTTP request with its own prefixed lines, which is not HTTP', async () => {
    const res = await tcpEchoApp.handle(request('/'), fakeContext({ hosts: {} }, { args: ['9000', 'two'] }).ctx)
    expect(res.abort).toBe('not-http')
    expect(res.body.startsWith('two GET / HTTP/1.1\r\n')).toBe(true)
  })
})
