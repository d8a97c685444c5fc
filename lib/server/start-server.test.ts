// The raw server (no Next.js): ops endpoints, the /ws/ping channel with its
// session and Origin checks, and graceful shutdown. Real sockets, real PGlite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createSession } from '@/lib/auth/sessions'
import { SESSION_COOKIE } from '@/lib/auth/cookies'
import { startServer, type RunningServer } from './start-server'

let server: RunningServer
let cookie = ''
let firstAdmin: { email: string; password: string } | null = null

beforeAll(async () => {
  server = await startServer({
    config: { port: 0, host: '127.0.0.1', dev: false, trustProxy: false, shutdownTimeoutMs: 10_000 },
    database: { dataDir: 'memory://' },
    loadNext: null,
    onFirstAdmin: (a) => (firstAdmin = a),
  })
  const admin = await server.db.prisma.user.findFirstOrThrow({ where: { role: 'admin' } })
  const { token } = await createSession(server.db.prisma, admin.id, {})
  cookie = `${SESSION_COOKIE}=${token}`
})

afterAll(async () => {
  await server?.shutdown('test done')
})

function open(headers: Record<string, string>) {
  const url = server.url.replace('http', 'ws') + '/ws/ping'
  return new WebSocket(url, { headers })
}

function outcome(ws: WebSocket): Promise<number | string> {
  return new Promise((resolve) => {
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.on('open', () => resolve('open'))
    ws.on('error', (e) => resolve(e.message))
  })
}

describe('server without Next.js', () => {
  it('created the first admin with a random password', () => {
    expect(firstAdmin?.email).toBe('admin@meshdojo.local')
    expect(firstAdmin?.password).toMatch(/^\w{20}$/)
  })

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
    const ready = await fetch(`${server.url}/readyz`)
    expect(ready.status).toBe(200)
    expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite' })
  })

  it.each([
    ['no session', () => ({ origin: server.url }), 401],
    ['a foreign Origin', () => ({ origin: 'http://evil.test', cookie }), 403],
  ])('refuses a WebSocket upgrade with %s', async (_n, headers, status) => {
    expect(await outcome(open(headers()))).toBe(status)
  })

  it('echoes on /ws/ping for a signed-in user', async () => {
    const ws = open({ origin: server.url, cookie })
    const messages: string[] = []
    await new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        messages.push(String(data))
        if (messages.length === 1) ws.send('ping 42')
        else resolve()
      })
    })
    expect(JSON.parse(messages[0])).toMatchObject({ type: 'hello', role: 'admin' })
    expect(messages[1]).toBe('ping 42')
    ws.close()
  })

  it('counts requests and upgrades in /metrics', async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text()
    expect(text).toMatch(/mesh_dojo_http_requests_total\{method="GET",route="\/readyz",status="200"\} [1-9]/)
    expect(text).toMatch(/mesh_dojo_websocket_connections_total\{path="\/ws\/ping",outcome="401"\} 1/)
    expect(text).toMatch(/mesh_dojo_websocket_connections_total\{path="\/ws\/ping",outcome="accepted"\} [1-9]/)
  })
})

describe('graceful shutdown', () => {
  it('closes open sockets with 1001 and stops within the deadline', async () => {
    const ws = open({ origin: server.url, cookie })
    await new Promise((r) => ws.once('open', r))
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    const started = Date.now()
    await server.shutdown('test')
    expect(await closed).toBe(1001)
    expect(Date.now() - started).toBeLessThan(10_000)
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow()
  })
})
