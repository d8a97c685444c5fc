// TerminalSocket: one browser connection to a lab terminal, with its framing, flow control and heartbeat state.
//
// Protocol on /ws/terminal/:sessionId (the gateway has checked Origin, cookie
// and ownership before the hub sees the socket; frames over 64 KiB are closed
// with 1009 by the gateway):
//
// - Binary frames, both ways: terminal data, UTF-8. Client -> server are
//   keystrokes and pastes (a character split across frames is fine: input is
//   decoded as a stream). Server -> client output frames are at most
//   OUTPUT_FRAME_CHARS characters, one per tick of coalesced output.
// - Text frames: JSON control messages.
//   client -> server
//     {"type":"resize","cols":N,"rows":N}   clamped to 2..500 x 1..200; applied at most once per
//                                           50 ms (the last wins); only writers resize the terminal
//     {"type":"ping","t":N}                 answered with {"type":"pong","t":N}
//     {"type":"restart"}                    after an exit: open a fresh shell (writers only)
//   server -> client
//     {"type":"pong","t":N}
//     {"type":"redraw"}                     the next binary frame clears the terminal (and its
//                                           scrollback) and paints the whole screen; reset any
//                                           local state kept about the output
//     {"type":"exit","code":N}              the shell ended (`exit`, Ctrl-D); the socket stays open;
//                                           a fresh shell starts on {"type":"restart"} or when a
//                                           writer next attaches
//     {"type":"notice","level":"info"|"warning","message":"..."}   e.g. "session expires in 5 minutes"
//   Anything else (bad JSON, unknown type, non-numeric sizes) is ignored and counted.
// - On attach the client gets {"type":"redraw"} and the screen from the
//   server's mirror, then live output. A read-only socket (a grader or an
//   instructor watching) gets the same frames; its input and resizes are ignored.
// - Flow control: past HIGH water of unsent bytes a socket stops getting live
//   output; once it drains below LOW water it gets a redraw instead of what it
//   missed, so a slow client costs at most HIGH water plus one frame of memory.
// - Heartbeat: the server pings every 30 s; a socket that misses two pongs is terminated.
// - Close codes: 1001 when the session ends or the server shuts down.
import type WebSocket from 'ws'
import type { ServerControl } from './control-message'

/** Largest output frame; bigger output goes out in several frames. */
export const OUTPUT_FRAME_CHARS = 64 * 1024

export type SocketState = 'syncing' | 'live' | 'stale'

export interface SocketFlowLimits {
  highWaterBytes: number
  lowWaterBytes: number
}

/** The unsent bytes of a socket; tests inject their own reader to play a slow client. */
export type BufferedAmount = (ws: WebSocket) => number

export const wsBufferedAmount: BufferedAmount = (ws) => ws.bufferedAmount

export class TerminalSocket {
  /** syncing: waiting for a redraw (output kept in backlog); live: gets output; stale: over high water. */
  state: SocketState = 'syncing'
  /** Output produced while a redraw was being prepared; sent right after it. */
  private backlog = ''
  /** The backlog overflowed while syncing: another redraw is needed once this one is sent. */
  resyncNeeded = false
  /** Removes the hub's listeners from the socket (set by the hub). */
  unlisten: () => void = () => {}
  private readonly decoder = new TextDecoder('utf-8')

  constructor(
    readonly ws: WebSocket,
    readonly readOnly: boolean,
    private readonly limits: SocketFlowLimits,
    private readonly buffered: BufferedAmount,
  ) {}

  get isOpen(): boolean {
    return this.ws.readyState === this.ws.OPEN
  }

  /** Unsent bytes, as the flow control sees them. */
  get bufferedAmount(): number {
    return this.buffered(this.ws)
  }

  /** Decodes a binary input frame; a character split across frames completes with the next one. */
  decode(data: Buffer): string {
    return this.decoder.decode(data, { stream: true })
  }

  /** Live output: sent, kept for after a redraw, or dropped while stale. Returns false when the socket went stale. */
  output(data: string): boolean {
    if (this.state === 'stale') return true
    if (this.state === 'syncing') {
      this.backlog += data
      if (this.backlog.length > this.limits.highWaterBytes) this.overflowBacklog()
      return true
    }
    // Checked before each frame: a socket holds at most high water plus one frame unsent.
    for (let i = 0; i < data.length; ) {
      if (this.bufferedAmount > this.limits.highWaterBytes) {
        this.state = 'stale'
        return false
      }
      const end = frameEnd(data, i)
      this.sendFrame(data.slice(i, end))
      i = end
    }
    return true
  }

  /** Starts a redraw: output from now on waits in the backlog. */
  beginSync(): void {
    this.state = 'syncing'
    this.backlog = ''
    this.resyncNeeded = false
  }

  /** Sends the redraw (control frame, then the screen) and the backlog; the socket is live again. */
  finishSync(screen: string): void {
    if (!this.isOpen) return
    this.control({ type: 'redraw' })
    this.sendData(screen)
    const backlog = this.backlog
    this.backlog = ''
    this.state = 'live'
    if (backlog) this.sendData(backlog)
  }

  /** Stale and drained below low water: ready for a redraw. */
  get drained(): boolean {
    return this.state === 'stale' && this.bufferedAmount <= this.limits.lowWaterBytes
  }

  control(msg: ServerControl): void {
    if (this.isOpen) this.ws.send(JSON.stringify(msg))
  }

  private overflowBacklog(): void {
    this.backlog = ''
    this.resyncNeeded = true
  }

  private sendData(data: string): void {
    for (let i = 0; i < data.length; ) {
      const end = frameEnd(data, i)
      this.sendFrame(data.slice(i, end))
      i = end
    }
  }

  private sendFrame(text: string): void {
    if (this.isOpen) this.ws.send(Buffer.from(text, 'utf8'), { binary: true })
  }
}

/** End of the frame starting at i: OUTPUT_FRAME_CHARS on, never between a surrogate pair's halves. */
export function frameEnd(data: string, i: number, size = OUTPUT_FRAME_CHARS): number {
  let end = Math.min(data.length, i + size)
  if (end < data.length && end - i > 1 && isHighSurrogate(data.charCodeAt(end - 1))) end--
  return end
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}
