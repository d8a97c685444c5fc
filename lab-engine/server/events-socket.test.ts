// Tests for the events socket over a real WebSocket, fed by the sim driver's events and by a hand-fed stream.
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { SimDriver } from '../drivers/sim'
import type { EngineEvent } from '../drivers/engine-event'
import { EventStream } from '../drivers/event-stream'
import { attachEventsSocket } from './events-socket'
import { ManualScheduler } from './hub-scheduler'
import { startServer, waitFor, type TestServer } from './ws-harness.test-util'

let server: TestServer | undefined

afterEach(async () => {
  await server?.close()
  server = undefined
})

async function client(url: string) {
  const ws = new WebSocket(url)
  const messages: Record<string, unknown>[] = []
  let closed: number | null = null
  ws.on('message', (data, isBinary) => {
    expect(isBinary).toBe(false)
    messages.push(JSON.parse((data as Buffer).toString('utf8')))
  })
  ws.on('close', (code) => void (closed = code))
  await new Promise((r) => ws.once('open', r))
  return { ws, messages, closed: () => closed }
}

const task = (n: number): EngineEvent => ({ v: 1, type: 'task', taskId: `t${n}`, status: 'passed', atMs: n })

describe('attachEventsSocket', () => {
  it('sends the driver\'s resource events as JSON text frames', async () => {
    const driver = new SimDriver()
    await driver.start({})
    server = await startServer((ws) => attachEventsSocket(ws, driver.events()))
    const c = await client(server.url)
    await waitFor(() => server!.sockets.length === 1, 'the server socket')
    await driver.apply('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: graph-test\n  namespace: default\ndata:\n  a: b\n')
    await waitFor(() => c.messages.some((m) => m.type === 'resource' && m.name === 'graph-test'), 'the ConfigMap event')
    expect(c.messages.find((m) => m.name === 'graph-test')).toMatchObject({ v: 1, type: 'resource', change: 'added', kind: 'ConfigMap', namespace: 'default' })
    await driver.stop()
    await waitFor(() => c.closed(), 'the close when the driver stops')
    expect(c.closed()).toBe(1001)
  })

  it('releases the event stream when the client goes away', async () => {
    let released = false
    const stream = new EventStream<EngineEvent>(() => void (released = true))
    server = await startServer((ws) => attachEventsSocket(ws, stream))
    const c = await client(server.url)
    await waitFor(() => server!.sockets.length === 1, 'the server socket')
    stream.push(task(1))
    await waitFor(() => c.messages.length === 1, 'the first event')
    c.ws.close()
    await waitFor(() => released, 'the stream to be released')
  })

  it('releases the event stream at once for a socket that closed before it was attached', async () => {
    let released = false
    const stream = new EventStream<EngineEvent>(() => void (released = true))
    server = await startServer(() => {})
    const c = await client(server.url)
    await waitFor(() => server!.sockets.length === 1, 'the server socket')
    c.ws.close()
    await waitFor(() => server!.sockets[0]!.readyState === WebSocket.CLOSED, 'the server side to close')
    attachEventsSocket(server.sockets[0]!, stream)
    expect(released).toBe(true)
  })

  it('drops events while the client is behind, then tells it how many it missed', async () => {
    const stream = new EventStream<EngineEvent>()
    let unsent = 0
    let stats = { sent: 0, dropped: 0 }
    server = await startServer((ws) => attachEventsSocket(ws, stream, { highWaterBytes: 1000, bufferedAmount: () => unsent, onStats: (s) => void (stats = { ...s }) }))
    const c = await client(server.url)
    await waitFor(() => server!.sockets.length === 1, 'the server socket')
    unsent = 5000
    for (let i = 0; i < 500; i++) stream.push(task(i))
    await waitFor(() => stats.dropped === 500, 'every event counted as dropped')
    unsent = 0
    stream.push(task(999))
    await waitFor(() => c.messages.length === 2, 'the gap notice and the next event')
    expect(c.messages).toEqual([{ type: 'gap', dropped: 500 }, task(999)])
    expect(stats).toEqual({ sent: 1, dropped: 500 })
  })

  it('terminates a client that stops answering pings and releases its stream', async () => {
    const manual = new ManualScheduler()
    let released = false
    const stream = new EventStream<EngineEvent>(() => void (released = true))
    server = await startServer((ws) => attachEventsSocket(ws, stream, { scheduler: manual, heartbeatMs: 1000 }))
    const ws = new WebSocket(server.url, { autoPong: false })
    let pings = 0
    ws.on('ping', () => pings++)
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
    await new Promise((r) => ws.once('open', r))
    await waitFor(() => server!.sockets.length === 1, 'the server socket')
    manual.advance(1000)
    manual.advance(1000)
    await waitFor(() => pings === 2, 'two pings')
    manual.advance(1000)
    expect(await closed).toBe(1006)
    await waitFor(() => released, 'the stream to be released')
  })

  it('applies a filter, and dispose closes the socket with 1001', async () => {
    const stream = new EventStream<EngineEvent>()
    let handle: { dispose(): void } | undefined
    server = await startServer((ws) => void (handle = attachEventsSocket(ws, stream, { filter: (e) => e.type === 'task' && e.taskId !== 't2' })))
    const c = await client(server.url)
    await waitFor(() => handle, 'the attach')
    stream.push(task(1))
    stream.push({ v: 1, type: 'ui', action: { type: 'open-editor', path: '/x' } as never })
    stream.push(task(2))
    stream.push(task(3))
    await waitFor(() => c.messages.length === 2, 'two events')
    expect(c.messages.map((m) => m.taskId)).toEqual(['t1', 't3'])
    handle!.dispose()
    await waitFor(() => c.closed(), 'the close')
    expect(c.closed()).toBe(1001)
  })
})
