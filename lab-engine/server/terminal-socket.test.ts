// Tests for a terminal socket's flow control and framing, with a fake socket whose unsent bytes the test sets.
import type WebSocket from 'ws'
import { describe, expect, it } from 'vitest'
import { frameEnd, OUTPUT_FRAME_CHARS, TerminalSocket } from './terminal-socket'

class FakeWs {
  readonly OPEN = 1
  readyState = 1
  bufferedAmount = 0
  readonly frames: (string | Buffer)[] = []
  send(data: string | Buffer): void {
    this.frames.push(data)
    if (Buffer.isBuffer(data)) this.bufferedAmount += data.length
  }
  get text(): string {
    return this.frames.filter(Buffer.isBuffer).map((b) => b.toString('utf8')).join('')
  }
}

function socket(limits = { highWaterBytes: 1000, lowWaterBytes: 100 }) {
  const ws = new FakeWs()
  const sock = new TerminalSocket(ws as unknown as WebSocket, false, limits, (w) => (w as unknown as FakeWs).bufferedAmount)
  return { ws, sock }
}

describe('TerminalSocket flow control', () => {
  it('keeps output while syncing and sends it after the redraw', () => {
    const { ws, sock } = socket()
    sock.output('during sync')
    expect(ws.frames).toEqual([])
    sock.finishSync('SCREEN')
    expect(ws.frames[0]).toBe('{"type":"redraw"}')
    expect(ws.text).toBe('SCREENduring sync')
    expect(sock.state).toBe('live')
  })

  it('goes stale over high water, drops output while stale, and is drained only under low water', () => {
    const { ws, sock } = socket()
    sock.finishSync('')
    expect(sock.output('x'.repeat(1500))).toBe(true) // sent: the check is before sending
    expect(sock.output('dropped')).toBe(false)
    expect(sock.state).toBe('stale')
    for (let i = 0; i < 1000; i++) sock.output('y'.repeat(1000))
    expect(ws.text).toBe('x'.repeat(1500))
    ws.bufferedAmount = 500
    expect(sock.drained).toBe(false)
    ws.bufferedAmount = 100
    expect(sock.drained).toBe(true)
  })

  it('checks high water before every frame: one huge output goes stale after a frame', () => {
    const { ws, sock } = socket()
    sock.finishSync('')
    expect(sock.output('x'.repeat(5 * OUTPUT_FRAME_CHARS))).toBe(false)
    expect(ws.text).toHaveLength(OUTPUT_FRAME_CHARS)
    expect(sock.state).toBe('stale')
  })

  it('bounds the backlog while syncing: past high water it is dropped and another redraw is asked for', () => {
    const { sock } = socket()
    for (let i = 0; i < 100; i++) sock.output('z'.repeat(100))
    expect(sock.resyncNeeded).toBe(true)
    sock.beginSync()
    expect(sock.resyncNeeded).toBe(false)
  })

  it('splits large output into frames without cutting a surrogate pair', () => {
    const { ws, sock } = socket({ highWaterBytes: 1e9, lowWaterBytes: 0 })
    sock.finishSync('')
    const data = 'a'.repeat(OUTPUT_FRAME_CHARS - 1) + '😀' + 'b'.repeat(OUTPUT_FRAME_CHARS)
    sock.output(data)
    const frames = ws.frames.filter(Buffer.isBuffer) as Buffer[]
    expect(frames.length).toBeGreaterThan(2)
    expect(frames.every((f) => !f.toString('utf8').includes('\ufffd'))).toBe(true)
    expect(ws.text).toBe(data)
  })

  it('frameEnd always moves forward', () => {
    expect(frameEnd('😀😀', 0, 1)).toBe(1)
    expect(frameEnd('a😀', 0, 2)).toBe(1)
    expect(frameEnd('abc', 1, 10)).toBe(3)
  })

  it('decodes a character split across input frames', () => {
    const { sock } = socket()
    const bytes = Buffer.from('é☃', 'utf8')
    expect(sock.decode(bytes.subarray(0, 1)) + sock.decode(bytes.subarray(1, 3)) + sock.decode(bytes.subarray(3))).toBe('é☃')
  })

  it('sends nothing on a closed socket', () => {
    const { ws, sock } = socket()
    ws.readyState = 3
    sock.finishSync('screen')
    sock.control({ type: 'pong', t: 1 })
    expect(ws.frames).toEqual([])
  })
})
