// TerminalConnection against the real terminal gateway: TerminalHub over a ws server, the sim driver's shell behind it.
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { SimDriver } from '@/lab-engine/drivers/sim'
import { TerminalHub } from '@/lab-engine/server/terminal-hub'
import { startServer, waitFor, type TestServer } from '@/lab-engine/server/ws-harness.test-util'
import { doubledUpTo, RETRY_MAX_MS, RETRY_MIN_MS, TerminalConnection, type ConnectionStatus } from './terminal-connection'

beforeAll(() => {
  // Node 20 has no global WebSocket; ws's client speaks the browser's onopen/onmessage/onclose API.
  ;(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket
})

const HOST = { now: () => Date.now(), setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) }

let driver: SimDriver | null = null
let hub: TerminalHub | null = null
let server: TestServer | null = null
let conn: TerminalConnection | null = null

afterEach(async () => {
  conn?.dispose()
  hub?.dispose()
  await server?.close()
  await driver?.stop()
  conn = hub = server = driver = null
})

/** A connection to a hub over the sim shell, recording everything it reports. */
async function connectToSim(opts: { retryMinMs?: number } = {}) {
  driver = new SimDriver({ host: HOST })
  await driver.start({ mode: 'interactive' })
  const h = new TerminalHub({ open: (size) => driver!.openTerminal(size), now: () => Date.now() })
  hub = h
  server = await startServer((ws) => h.attach(ws, { readOnly: false }))
  const c = new TerminalConnection({ url: `${server.url}/ws/terminal/s1`, ...opts })
  conn = c
  return { hub: h, conn: c, seen: record(c) }
}

function record(c: TerminalConnection) {
  const decoder = new TextDecoder()
  const seen = { text: '', redraws: [] as string[], statuses: [] as ConnectionStatus[], reasons: [] as (string | undefined)[], exits: [] as number[], notices: [] as unknown[] }
  c.on('data', (b) => void (seen.text += decoder.decode(b, { stream: true })))
  c.on('redraw', (b) => void (seen.redraws.push(new TextDecoder().decode(b)), (seen.text = '')))
  c.on('status', (s, reason) => void (seen.statuses.push(s), seen.reasons.push(reason)))
  c.on('exit', (code) => void seen.exits.push(code))
  c.on('notice', (n) => void seen.notices.push(n))
  return seen
}

describe('TerminalConnection with the sim terminal', () => {
  it('gets the screen as a redraw, sends typed input and its size, and receives the output', async () => {
    const { hub, conn, seen } = await connectToSim()
    conn.resize(100, 30)
    conn.send('V=42; echo hello-$V\r') // typed before the socket opened: kept and sent on open
    await waitFor(() => seen.text.includes('hello-42'), 'the command output')
    expect(seen.redraws).toHaveLength(1)
    expect(seen.redraws[0]).toMatch(/^\x1b\[0m\x1b\[H\x1b\[2J/) // the server's clear, then the screen
    expect(seen.statuses[0]).toBe('open')
    await waitFor(() => hub.currentSize.cols === 100, 'the resize to reach the hub')
    expect(hub.currentSize).toEqual({ cols: 100, rows: 30 })
  })

  it('reconnects after a drop, is redrawn with the old screen, and sends its size again', async () => {
    const { hub, conn, seen } = await connectToSim({ retryMinMs: 20 })
    conn.resize(90, 20)
    conn.send('echo before-drop\r')
    await waitFor(() => seen.text.includes('before-drop\r\n'), 'the first output')
    server!.sockets[0].terminate()
    await waitFor(() => seen.statuses.includes('reconnecting'), 'the reconnecting status')
    await waitFor(() => seen.redraws.length === 2, 'a redraw after the reconnect')
    expect(seen.redraws[1]).toContain('before-drop')
    expect(seen.statuses).toEqual(['open', 'reconnecting', 'open'])
    expect(server!.sockets).toHaveLength(2)
    expect(hub.currentSize).toEqual({ cols: 90, rows: 20 })
    conn.send('echo after-drop\r')
    await waitFor(() => seen.text.includes('after-drop\r\n'), 'output on the new socket')
  })

  it('reports an exit, and restart() brings a fresh shell', async () => {
    const { hub, conn, seen } = await connectToSim()
    conn.send('exit 3\r')
    await waitFor(() => seen.exits.length === 1, 'the exit')
    expect(seen.exits).toEqual([3])
    conn.restart()
    await waitFor(() => hub.exited === null, 'a fresh shell')
    conn.send('echo again\r')
    await waitFor(() => seen.text.includes('again\r\n'), 'the new shell answering')
  })

  it('a bracketed paste split across frames runs nothing until its end marker arrives, then every line', async () => {
    const { conn, seen } = await connectToSim()
    await waitFor(() => seen.redraws.length === 1 && seen.text.includes('$ '), 'the prompt')
    expect(seen.redraws[0] + seen.text).toContain('\x1b[?2004h') // the sim's line editor asked for bracketed paste
    conn.send('\x1b[200~echo pasted-one\recho pasted-tw')
    await new Promise((r) => setTimeout(r, 150))
    expect(seen.text).not.toContain('pasted-one')
    conn.send('o\r\x1b[201~')
    await waitFor(() => seen.text.includes('pasted-two\r\n'), 'both pasted lines to run')
    expect(seen.text).toMatch(/pasted-one\r\n[\s\S]*pasted-two\r\n/)
  })

  it('passes notices on with their level', async () => {
    const { hub, seen } = await connectToSim()
    await waitFor(() => seen.redraws.length === 1, 'the first redraw')
    hub.notify('warning', 'This session expires in 5 minutes.')
    await waitFor(() => seen.notices.length === 1, 'the notice')
    expect(seen.notices).toEqual([{ level: 'warning', message: 'This session expires in 5 minutes.' }])
  })
})

describe('TerminalConnection close handling', () => {
  it('stops at a final close code and says why, without retrying', async () => {
    let connections = 0
    server = await startServer((ws) => {
      connections++
      ws.close(4409, 'not available')
    })
    conn = new TerminalConnection({ url: server.url, retryMinMs: 10 })
    const seen = record(conn)
    await waitFor(() => seen.statuses.includes('ended'), 'the ended status')
    await new Promise((r) => setTimeout(r, 100))
    expect(connections).toBe(1)
    expect(seen.reasons.at(-1)).toBe('This lab session has ended.')
    conn.send('ignored')
    expect(conn.status).toBe('ended')
  })

  it('drops a socket that stops answering pings and opens a new one', async () => {
    const pings: unknown[] = []
    server = await startServer((ws) => ws.on('message', (m) => pings.push(JSON.parse(String(m)))))
    conn = new TerminalConnection({ url: server.url, retryMinMs: 10, pingIntervalMs: 30, pongTimeoutMs: 30 })
    const seen = record(conn)
    await waitFor(() => seen.statuses.filter((st) => st === 'open').length >= 2, 'a second connection after the silent one')
    expect(pings[0]).toMatchObject({ type: 'ping' })
    expect(seen.statuses.slice(0, 3)).toEqual(['open', 'reconnecting', 'open'])
  })

  it('backs off between failed attempts, up to the cap', async () => {
    const times: number[] = []
    server = await startServer((ws) => {
      times.push(performance.now())
      ws.close(1011, 'engine trouble')
    })
    conn = new TerminalConnection({ url: server.url, retryMinMs: 20, retryMaxMs: 80 })
    await waitFor(() => times.length >= 5, 'five attempts', 3000)
    const gaps = times.slice(1).map((t, i) => t - times[i])
    // 20, 40, 80, 80 ms, at least (timers never fire early; a busy machine makes them late, so no upper bound here).
    expect(gaps[0]).toBeGreaterThanOrEqual(18)
    expect(gaps[2]).toBeGreaterThanOrEqual(75)
  })

  it('doubles the wait up to the cap', () => {
    const waits = [RETRY_MIN_MS]
    while (waits.length < 8) waits.push(doubledUpTo(waits.at(-1)!, RETRY_MAX_MS))
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000, 10_000])
  })
})
