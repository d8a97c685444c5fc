// TerminalHub over real WebSockets: a ws server on an ephemeral port, real clients, the sim driver's terminal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import type { TerminalStream } from '../drivers/cluster-driver'
import { SimDriver } from '../drivers/sim'
import { AsciicastRecorder, parseAsciicast } from '../sessions/asciicast'
import { holdMessages } from './held-messages'
import { HOST_SCHEDULER, ManualScheduler, type HubScheduler } from './hub-scheduler'
import { TerminalHub, type TerminalHubOptions } from './terminal-hub'
import { GATEWAY_MAX_PAYLOAD, startServer, TestClient, waitFor, type TestServer } from './ws-harness.test-util'

let driver: SimDriver
let server: TestServer
let hub: TerminalHub

/** Real deferral (output frames go out on their own), hand-driven timers (throttle, drain polls, heartbeats). */
function hybrid(manual: ManualScheduler): HubScheduler {
  return { defer: HOST_SCHEDULER.defer, setTimeout: (fn, ms) => manual.setTimeout(fn, ms) }
}

/** Host timers for an interactive (real-time) sim session. */
const HOST = { now: () => Date.now(), setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms), clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout) }

async function setup(opts: Partial<TerminalHubOptions> = {}, mode: 'grading' | 'interactive' = 'grading'): Promise<void> {
  driver = new SimDriver({ host: HOST })
  await driver.start({ mode })
  hub = new TerminalHub({ open: (size) => driver.openTerminal(size), now: () => Date.now(), ...opts })
  server = await startServer((ws, path) => hub.attach(ws, { readOnly: path.includes('readonly') }))
}

const connect = (path = '/ws/terminal/s1') => TestClient.connect(server.url + path)

/** Waits for the prompt, types a line, and waits for `expect` to show up in what the client got. */
async function run(client: TestClient, line: string, expectText: string): Promise<void> {
  await waitFor(() => client.text.includes('$ '), 'a prompt')
  client.type(`${line}\r`)
  await waitFor(() => client.text.includes(expectText), `"${expectText}" after ${line}`)
}

afterEach(async () => {
  hub?.dispose()
  await server?.close()
  await driver?.stop()
})

beforeEach(() => {
  driver = undefined as unknown as SimDriver
})

describe('TerminalHub with the sim terminal', () => {
  beforeEach(() => setup())

  it('runs a typed command and sends its output; the screen shows it', async () => {
    const client = await connect()
    await run(client, 'V=42; echo hello-$V', 'hello-42')
    const screen = await client.screen()
    expect(screen.some((l) => l.includes('echo hello-$V'))).toBe(true)
    expect(screen.some((l) => l.trim() === 'hello-42')).toBe(true)
    expect(client.controls[0]).toEqual({ type: 'redraw' })
    expect(hub.socketCount).toBe(1)
  })

  it('redraws the same screen after a disconnect', async () => {
    const first = await connect()
    await run(first, 'echo one; echo two', 'two')
    first.type('printf "%s\\n" a b c\r')
    await waitFor(() => first.text.includes('\r\nc\r\n'), 'printf output')
    const before = await first.screen()
    await first.close()
    await waitFor(() => hub.socketCount === 0, 'the hub to notice the close')

    const second = await connect()
    await waitFor(async () => (await second.screen()).join('\n') === before.join('\n'), 'the same screen on reconnect')
    expect(before.some((l) => l === 'c')).toBe(true)
    expect(second.controls[0]).toEqual({ type: 'redraw' })
    // The shell is the same: its history has the first connection's commands.
    second.type('history | tail -n 2\r')
    await waitFor(() => second.text.includes('printf'), 'history from the first connection')
  })

  it('shows output made while nobody was attached (real-time session) on the next attach', async () => {
    hub.dispose()
    await server.close()
    await driver.stop()
    await setup({}, 'interactive')
    const first = await connect()
    await run(first, 'sleep 1; echo late-output', 'sleep 1')
    await first.close()
    await waitFor(() => hub.screenLines().includes('late-output'), 'the output to reach the mirror while detached', 3000)
    expect(first.text).not.toContain('\nlate-output')
    const second = await connect()
    await waitFor(async () => (await second.screen()).includes('late-output'), 'the detached output on reattach')
    expect(await second.screen()).toEqual(hub.screenLines())
  })

  it('ignores a read-only socket\'s input and resizes, and still sends it the output', async () => {
    const writer = await connect()
    const watcher = await connect('/ws/terminal/s1?readonly')
    await waitFor(() => watcher.text.includes('$ '), 'the watcher\'s prompt')
    watcher.type('echo from-watcher\r')
    watcher.sendControl({ type: 'resize', cols: 40, rows: 10 })
    await run(writer, 'echo from-writer', 'from-writer')
    await waitFor(() => watcher.text.includes('from-writer'), 'the writer\'s output at the watcher')
    expect(writer.text).not.toContain('from-watcher')
    expect(hub.stats.readOnlyInputIgnored).toBe(1)
    expect(hub.stats.readOnlyControlIgnored).toBe(1)
    expect(hub.currentSize).toEqual({ cols: 80, rows: 24 })
  })

  it('ignores and counts malformed control frames and keeps serving the socket', async () => {
    const client = await connect()
    for (const bad of ['not json', '{"type":"dance"}', '{"type":"resize","cols":"80","rows":24}', '[1,2]', '{"type":"ping"}', 'null']) client.sendControl(bad)
    client.sendControl({ type: 'ping', t: 17 })
    await waitFor(() => client.controls.some((c) => c.type === 'pong'), 'a pong')
    expect(client.controls.find((c) => c.type === 'pong')).toEqual({ type: 'pong', t: 17 })
    expect(hub.stats.malformedControl).toBe(6)
    await run(client, 'echo still-here', 'still-here')
  })

  it('reports an exit, ignores input until a restart, then runs a fresh shell', async () => {
    const client = await connect()
    await run(client, 'exit 3', 'exit 3')
    await waitFor(() => client.controls.some((c) => c.type === 'exit'), 'the exit frame')
    expect(client.controls.find((c) => c.type === 'exit')).toEqual({ type: 'exit', code: 3 })
    expect(hub.exited).toBe(3)
    client.type('echo ignored\r')
    await waitFor(() => hub.stats.inputAfterExitIgnored === 1, 'input after exit counted')
    client.sendControl({ type: 'restart' })
    await waitFor(() => hub.exited === null && hub.stats.terminalsOpened === 2, 'a fresh shell')
    const mark = client.text.length
    client.type('echo again\r')
    await waitFor(() => client.text.slice(mark).includes('again\r\n'), 'output from the fresh shell')
    expect(client.text).not.toContain('ignored\r\n')
  })

  it('opens a fresh terminal after the lab is reset and redraws every socket', async () => {
    const client = await connect()
    await run(client, 'export MARK=before-reset; echo $MARK', 'before-reset\r\n')
    await driver.reset()
    hub.reopen()
    await waitFor(() => client.controls.filter((c) => c.type === 'redraw').length === 2, 'a second redraw')
    const mark = client.text.length
    client.type('echo "[${MARK:-unset}]"\r')
    await waitFor(() => client.text.slice(mark).includes('[unset]'), 'the reset shell')
    expect(hub.stats.terminalsOpened).toBe(2)
  })

  it('accepts a 1 MB paste sent as many frames under the gateway\'s 64 KiB limit, and stays usable', async () => {
    const client = await connect()
    await waitFor(() => client.text.includes('$ '), 'a prompt')
    const paste = `\x1b[200~${'kubectl get pods -A # 0123456789\n'.repeat(32 * 1024)}\x1b[201~`
    expect(paste.length).toBeGreaterThan(1024 * 1024)
    for (let i = 0; i < paste.length; i += GATEWAY_MAX_PAYLOAD - 1024) client.type(paste.slice(i, i + GATEWAY_MAX_PAYLOAD - 1024))
    await waitFor(() => client.text.includes('paste refused'), 'the editor refusing the oversized paste')
    await run(client, 'echo after-paste', 'after-paste\r\n')
    expect(hub.stats.inputChars).toBeGreaterThan(1024 * 1024)
    expect(client.closed).toBeNull()
  })

  it('survives a frame over the gateway limit: that socket is closed with 1009, the others go on', async () => {
    const other = await connect()
    const big = await connect()
    await waitFor(() => big.text.includes('$ '), 'a prompt')
    big.type('x'.repeat(GATEWAY_MAX_PAYLOAD + 1))
    await waitFor(() => big.closed, 'the oversized frame\'s socket to close')
    expect(big.closed!.code).toBe(1009)
    await run(other, 'echo unharmed', 'unharmed\r\n')
    expect(hub.socketCount).toBe(1)
  })

  it('handles what the client sent before the attach (typing during a reconnect, its size), in order', async () => {
    const slow = await startServer((ws) => {
      const held = holdMessages(ws)
      setTimeout(() => hub.attach(ws, { readOnly: false, held }), 100) // the session lookup takes a while
    })
    const client = await TestClient.connect(slow.url)
    client.sendControl({ type: 'resize', cols: 100, rows: 30 })
    client.type('echo typed-')
    client.type('early\r')
    await waitFor(() => client.text.includes('\ntyped-early'), 'the early input\'s output')
    expect(hub.currentSize).toEqual({ cols: 100, rows: 30 })
    await client.close()
    await slow.close()
  })

  it('closes the socket with 1011 when the driver cannot open a terminal', async () => {
    await driver.stop()
    let thrown: unknown
    const failing = await startServer((ws) => {
      try {
        hub.attach(ws, { readOnly: false })
      } catch (err) {
        thrown = err
      }
    })
    const client = await TestClient.connect(failing.url)
    await waitFor(() => client.closed, 'the close')
    expect(client.closed!.code).toBe(1011)
    expect(String(thrown)).toMatch(/not started/)
    expect(hub.socketCount).toBe(0)
    await failing.close()
  })

  it('does not keep a socket that closed before it was attached', async () => {
    const late = await startServer(() => {})
    const client = await TestClient.connect(late.url)
    await waitFor(() => late.sockets.length === 1, 'the server socket')
    await client.close()
    await waitFor(() => late.sockets[0]!.readyState === WebSocket.CLOSED, 'the server side to close')
    hub.attach(late.sockets[0]!, { readOnly: false })
    expect(hub.socketCount).toBe(0)
    await late.close()
  })

  it('closes sockets with 1001 on dispose', async () => {
    const client = await connect()
    await waitFor(() => client.text.includes('$ '), 'a prompt')
    hub.dispose()
    await waitFor(() => client.closed, 'the close')
    expect(client.closed!.code).toBe(1001)
    expect(hub.socketCount).toBe(0)
  })
})

describe('TerminalHub with a scripted terminal', () => {
  /** A terminal that answers each keystroke with `burst` small writes in the same tick. */
  function burstTerminal(burst: number): TerminalStream {
    const listeners = new Set<(data: string) => void>()
    return {
      write: (data) => { for (let i = 0; i < burst; i++) for (const l of listeners) l(`${data}${i};`) },
      resize: () => {}, redraw: () => {},
      onData: (l) => (listeners.add(l), { dispose: () => void listeners.delete(l) }),
      onExit: () => ({ dispose: () => {} }),
      dispose: () => listeners.clear(),
    }
  }

  it('coalesces the output of one tick into one frame, and sends notices to every socket', async () => {
    hub = new TerminalHub({ open: () => burstTerminal(100), now: () => Date.now() })
    server = await startServer((ws, path) => hub.attach(ws, { readOnly: path.includes('readonly') }))
    const client = await connect()
    const watcher = await connect('/ws/terminal/s1?readonly')
    const frames: string[] = []
    await waitFor(() => client.text.includes('\x1b[3J'), 'the redraw\'s screen')
    client.ws.on('message', (data, isBinary) => void (isBinary && frames.push((data as Buffer).toString('utf8'))))
    client.type('k')
    await waitFor(() => client.text.includes('k99;'), 'the burst')
    expect(frames).toEqual([Array.from({ length: 100 }, (_, i) => `k${i};`).join('')])
    hub.notify('warning', 'session expires in 5 minutes')
    const notice = { type: 'notice', level: 'warning', message: 'session expires in 5 minutes' }
    await waitFor(() => watcher.controls.some((c) => c.type === 'notice') && client.controls.some((c) => c.type === 'notice'), 'both notices')
    expect(client.controls.at(-1)).toEqual(notice)
    expect(watcher.controls.at(-1)).toEqual(notice)
  })
})

describe('TerminalHub timers (hand-driven) over real sockets', () => {
  it('throttles a resize flood to one applied size per interval, the last one winning, clamped', async () => {
    const manual = new ManualScheduler()
    const recorder = new AsciicastRecorder({ width: 80, height: 24, startedAtMs: Date.now(), now: () => Date.now() })
    await setup({ scheduler: hybrid(manual), recorder })
    const client = await connect()
    for (let i = 0; i < 2000; i++) client.sendControl({ type: 'resize', cols: 100 + (i % 300), rows: 30 + (i % 50) })
    client.sendControl({ type: 'resize', cols: 9999, rows: 0 })
    await waitFor(() => hub.stats.resizesRequested === 2001, 'every resize to arrive')
    expect(hub.stats.resizesApplied).toBe(1)
    expect(hub.currentSize).toEqual({ cols: 100, rows: 30 })
    manual.advance(50)
    expect(hub.stats.resizesApplied).toBe(2)
    expect(hub.currentSize).toEqual({ cols: 500, rows: 1 })
    manual.advance(1000)
    expect(hub.stats.resizesApplied).toBe(2)
    const resizes = parseAsciicast(`${recorder.header()}\n${recorder.takeChunk()}`).events.filter((e) => e.code === 'r')
    expect(resizes.map((e) => e.data)).toEqual(['100x30', '500x1'])
  })

  it('stops sending to a socket over high water and redraws it once drained (slow consumer bounded)', async () => {
    const manual = new ManualScheduler()
    let unsent = 0
    await setup({ scheduler: hybrid(manual), bufferedAmount: () => unsent, limits: { highWaterBytes: 1000, lowWaterBytes: 100 } })
    const client = await connect()
    await waitFor(() => client.text.includes('$ '), 'a prompt')
    unsent = 5000 // the client stops reading
    client.type('for i in 1 2 3 4 5; do echo line-$i; done\r')
    await waitFor(() => hub.stats.outputChars > 100 && hub.screenLines().includes('line-5'), 'the loop\'s output in the mirror')
    await new Promise((r) => setTimeout(r, 50))
    expect(client.text).not.toContain('line-5')
    manual.advance(25)
    expect(hub.stats.staleRedraws).toBe(0)
    unsent = 0 // drained
    manual.advance(25)
    expect(hub.stats.staleRedraws).toBe(1)
    await waitFor(() => client.text.includes('line-5'), 'the redraw with the missed output')
    expect(client.controls.filter((c) => c.type === 'redraw')).toHaveLength(2)
    expect((await client.screen()).filter((l) => l.startsWith('line-'))).toEqual(['line-1', 'line-2', 'line-3', 'line-4', 'line-5'])
  })

  it('pings every interval and terminates a socket that misses two pongs', async () => {
    const manual = new ManualScheduler()
    await setup({ scheduler: hybrid(manual) })
    const alive = await connect()
    const ws = new WebSocket(`${server.url}/ws/terminal/s1`, { autoPong: false })
    let pings = 0
    ws.on('ping', () => pings++)
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
    await new Promise((r) => ws.once('open', r))
    await waitFor(() => hub.socketCount === 2, 'both sockets attached')
    let alivePongs = 0
    server.sockets[0]!.on('pong', () => alivePongs++)
    for (let beat = 1; beat <= 2; beat++) {
      manual.advance(30_000)
      await waitFor(() => pings === beat && alivePongs === beat, `ping ${beat} and the other client's automatic pong`)
    }
    expect(hub.socketCount).toBe(2)
    manual.advance(30_000)
    expect(await closed).toBe(1006)
    expect(hub.stats.heartbeatTimeouts).toBe(1)
    expect(hub.socketCount).toBe(1)
    await run(alive, 'echo alive', 'alive\r\n')
  })
})

describe('recording through the hub', () => {
  it('records the command\'s input and output; the recording parses as asciicast v2', async () => {
    const recorder = new AsciicastRecorder({ width: 100, height: 30, startedAtMs: Date.now(), now: () => Date.now(), title: 'test' })
    await setup({ recorder })
    const client = await connect()
    await run(client, 'V=42; echo rec-$V', 'rec-42\r\n')
    const { header, events } = parseAsciicast(`${recorder.header()}\n${recorder.takeChunk()}`)
    expect(header).toMatchObject({ version: 2, width: 100, height: 30, title: 'test' })
    expect(events[0]).toMatchObject({ code: 'r', data: '80x24' }) // the size the terminal opened with
    const input = events.filter((e) => e.code === 'i').map((e) => e.data).join('')
    const output = events.filter((e) => e.code === 'o').map((e) => e.data).join('')
    expect(input).toBe('V=42; echo rec-$V\r')
    expect(output).toContain('rec-42\r\n')
    expect(events.findIndex((e) => e.code === 'i')).toBeLessThan(events.findIndex((e) => e.data.includes('rec-42')))
  })

  it('stops at the size cap with a marker, and the hub goes on', async () => {
    const recorder = new AsciicastRecorder({ width: 80, height: 24, startedAtMs: Date.now(), now: () => Date.now(), maxBytes: 2048 })
    await setup({ recorder })
    const client = await connect()
    await run(client, 'for i in $(seq 1 200); do echo filler-$i; done', 'filler-200\r\n')
    expect(recorder.truncated).toBe(true)
    expect(recorder.sizeBytes).toBeLessThanOrEqual(2048)
    const { events } = parseAsciicast(`${recorder.header()}\n${recorder.takeChunk()}`)
    expect(events.at(-1)).toMatchObject({ code: 'm', data: 'recording truncated at 2048 bytes' })
  })
})
