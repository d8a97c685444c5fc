// `fortio curl`: headers on stderr, body on stdout, exit 1 for anything but 200.
import { describe, expect, it } from 'vitest'
import { fortioShell, run, toResult } from './fake-mesh.test-util'

const URL = 'http://httpbin:8000/get'
const BODY = '{\n  "args": {},\n  "url": "http://httpbin:8000/get"\n}\n'

describe('fortio curl', () => {
  it('-quiet: the response headers go to stderr and the body to stdout (the circuit-breaking task\'s first step)', async () => {
    const headers: [string, string][] = [['server', 'envoy'], ['content-type', 'application/json'], ['content-length', String(BODY.length)], ['x-envoy-upstream-service-time', '3']]
    const { shell, seen } = fortioShell(() => ({ status: 200, delayMs: 3, body: BODY, headers }))
    const r = await run(shell, `fortio curl -quiet ${URL}`)
    expect(r).toEqual({ code: 0, stdout: BODY, stderr: `HTTP/1.1 200 OK\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n` })
    expect(seen).toHaveLength(1)
    expect(seen[0]!.req.headers).toContainEqual(['User-Agent', 'fortio.org/fortio-1.69.0'])
  })

  it('load -curl is the same single fetch', async () => {
    const { shell, seen } = fortioShell(() => ({ status: 200, delayMs: 1, body: BODY }))
    const r = await run(shell, `fortio load -curl ${URL}`)
    expect(r.stdout).toBe(BODY)
    expect(seen).toHaveLength(1)
  })

  it('a 503 is written whole to stdout (the fast client stops at the status line) and exits 1 with an error log', async () => {
    const reply = { status: 503, delayMs: 1, body: 'upstream connect error or disconnect/reset before headers. reset reason: overflow' }
    const { shell } = fortioShell(() => reply)
    const r = await run(shell, `fortio curl ${URL}`)
    const res = toResult(reply)
    if (res.kind !== 'response') throw new Error('fake reply')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe(`HTTP/1.1 503 Service Unavailable\r\n${res.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n${reply.body}`)
    const logs = r.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(logs.map((l) => [l.level, l.msg])).toEqual([['info', 'Starting'], ['warn', 'Non ok http code'], ['err', 'Error status 503']])
  })

  it('-curl-stdout-headers puts the headers on stdout too', async () => {
    const { shell } = fortioShell(() => ({ status: 200, delayMs: 1, body: 'x', headers: [['content-length', '1']] }))
    const r = await run(shell, `fortio curl -quiet -curl-stdout-headers ${URL}`)
    expect(r).toEqual({ code: 0, stdout: 'HTTP/1.1 200 OK\r\ncontent-length: 1\r\n\r\nx', stderr: '' })
  })

  it('an unknown host fails the lookup before any request', async () => {
    const { shell, seen } = fortioShell(() => ({ status: 200, delayMs: 1 }))
    const r = await run(shell, 'fortio load -quiet -n 4 http://nosuch:8000/')
    expect(r.code).toBe(1)
    expect(r.stderr.endsWith('Aborting because of lookup nosuch on 10.96.0.10:53: no such host\n')).toBe(true)
    expect(seen).toHaveLength(0)
  })

  it('a URL without a scheme gets http:// and fortio\'s warning', async () => {
    const { shell, seen } = fortioShell(() => ({ status: 200, delayMs: 1 }))
    const r = await run(shell, 'fortio curl httpbin:8000/get')
    expect(seen[0]!.req).toMatchObject({ scheme: 'http', host: 'httpbin', port: 8000, path: '/get' })
    expect(r.stderr).toContain('"level":"warn","r":1,"file":"http_client.go","line":172,"msg":"Assuming http:// on missing scheme for \'httpbin:8000/get\'"')
  })
})
