// SessionEvents against a real WebSocket server (ws), standing in for the browser's WebSocket with ws's client.
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { SessionEvents } from './session-events'

beforeAll(() => {
  // Node 20 has no global WebSocket; ws's client speaks the same onopen/onmessage/onclose API.
  ;(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket
})

let server: WebSocketServer
let events: SessionEvents | null = null

afterEach(async () => {
  events?.dispose()
  await new Promise((r) => server.close(r))
})

async function startServer(): Promise<string> {
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' })
  await once(server, 'listening')
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws/events/s1`
}

function nextConnection(): Promise<WebSocket> {
  return once(server, 'connection').then(([ws]) => ws as WebSocket)
}

const TASK = { v: 1, type: 'task', taskId: 't1', status: 'passed', atMs: 5 }

describe('SessionEvents', () => {
  it('delivers each event to the listeners of its type only', async () => {
    const url = await startServer()
    const conn = nextConnection()
    events = new SessionEvents(url)
    const tasks: unknown[] = []
    const resources: unknown[] = []
    events.on('task', (e) => tasks.push(e))
    events.on('resource', (e) => resources.push(e))
    const ws = await conn
    const got = new Promise<void>((resolve) => events!.on('task', () => resolve()))
    ws.send('not json')
    ws.send(JSON.stringify(TASK))
    await got
    expect(tasks).toEqual([TASK])
    expect(resources).toEqual([])
  })

  it('reports a gap when the server dropped events and when it reconnects', async () => {
    const url = await startServer()
    let conn = nextConnection()
    events = new SessionEvents(url)
    let gaps = 0
    events.onGap(() => gaps++)
    const first = await conn
    const gotGap = new Promise<void>((resolve) => events!.onGap(() => resolve()))
    first.send(JSON.stringify({ type: 'gap', dropped: 3 }))
    await gotGap
    expect(gaps).toBe(1)
    conn = nextConnection()
    const reopened = new Promise<void>((resolve) => events!.onStatus((s) => s === 'open' && resolve()))
    first.close()
    await conn
    await reopened
    expect(gaps).toBe(2)
  })

  it('stops reconnecting once disposed', async () => {
    const url = await startServer()
    const conn = nextConnection()
    events = new SessionEvents(url)
    const opened = new Promise<void>((resolve) => events!.onStatus((s) => s === 'open' && resolve()))
    const ws = await conn
    await opened
    events.dispose()
    let reconnected = false
    server.on('connection', () => (reconnected = true))
    await once(ws, 'close')
    await new Promise((r) => setTimeout(r, 700))
    expect(reconnected).toBe(false)
    expect(events.status).toBe('closed')
  })
})
