// TerminalConnection: the browser's end of /ws/terminal/:sessionId, DOM-free, reconnecting with capped backoff.
//
// Protocol (lab-engine/server/terminal-socket.ts): binary frames carry terminal
// data both ways; JSON text frames carry control messages. After every attach the
// server sends {"type":"redraw"} and then one binary frame with the whole screen:
// that frame is delivered as a `redraw` event instead of `data`, so the view can
// reset itself and the "Reconnecting…" banner can clear. Input typed while the
// socket is down is kept (bounded) and sent once it is open again.
import { closeReason, isFinalClose } from './close-codes'

export type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'ended'
export type NoticeLevel = 'info' | 'warning'

export interface ConnectionEvents {
  data: (bytes: Uint8Array) => void
  /** The whole screen after an attach; the view clears itself before writing it. */
  redraw: (bytes: Uint8Array) => void
  exit: (code: number) => void
  notice: (notice: { level: NoticeLevel; message: string }) => void
  /** `reason` is set when the status is `ended`: why the server will not take us back. */
  status: (status: ConnectionStatus, reason?: string) => void
}

export interface ConnectionOptions {
  url: string
  retryMinMs?: number
  retryMaxMs?: number
  /** How often we ping; a pong (or any frame) must arrive within pongTimeoutMs or the socket is dropped. */
  pingIntervalMs?: number
  pongTimeoutMs?: number
}

export const RETRY_MIN_MS = 500
export const RETRY_MAX_MS = 10_000
export const PING_INTERVAL_MS = 25_000
export const PONG_TIMEOUT_MS = 10_000
/** Input kept while disconnected; past this, older typing is dropped (a full tty queue). */
export const MAX_PENDING_INPUT_CHARS = 16 * 1024

type Listeners = { [K in keyof ConnectionEvents]: Set<ConnectionEvents[K]> }

export class TerminalConnection {
  status: ConnectionStatus = 'connecting'
  private socket: WebSocket | null = null
  private readonly listeners: Listeners = { data: new Set(), redraw: new Set(), exit: new Set(), notice: new Set(), status: new Set() }
  private readonly encoder = new TextEncoder()
  private readonly opts: Required<ConnectionOptions>
  private retryMs: number
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private pingTimer: ReturnType<typeof setInterval> | null = null
  private lastHeardMs = 0
  private redrawNext = false
  private pendingInput = ''
  private size: { cols: number; rows: number } | null = null
  private disposed = false

  constructor(opts: ConnectionOptions) {
    this.opts = { retryMinMs: RETRY_MIN_MS, retryMaxMs: RETRY_MAX_MS, pingIntervalMs: PING_INTERVAL_MS, pongTimeoutMs: PONG_TIMEOUT_MS, ...opts }
    this.retryMs = this.opts.retryMinMs
    this.connect()
  }

  /** The socket URL for a session on this page's host. */
  static urlFor(sessionId: string, loc: { protocol: string; host: string }): string {
    const proto = loc.protocol === 'https:' ? 'wss:' : 'ws:'
    return `${proto}//${loc.host}/ws/terminal/${encodeURIComponent(sessionId)}`
  }

  on<K extends keyof ConnectionEvents>(event: K, fn: ConnectionEvents[K]): () => void {
    const set = this.listeners[event] as Set<ConnectionEvents[K]>
    set.add(fn)
    return () => set.delete(fn)
  }

  /** Keystrokes or a paste, as the shell should read them. */
  send(text: string): void {
    if (!text || this.disposed || this.status === 'ended') return
    if (this.isOpen()) return this.socket!.send(this.encoder.encode(text))
    this.pendingInput = (this.pendingInput + text).slice(-MAX_PENDING_INPUT_CHARS)
  }

  /** The terminal's size in cells; sent now when it changed, and again after every reconnect. */
  resize(cols: number, rows: number): void {
    if (!(cols > 0 && rows > 0) || (this.size?.cols === cols && this.size.rows === rows)) return
    this.size = { cols, rows }
    if (this.isOpen()) this.control({ type: 'resize', cols, rows })
  }

  /** After an exit: ask for a fresh shell. */
  restart(): void {
    if (this.isOpen()) this.control({ type: 'restart' })
  }

  dispose(): void {
    if (this.disposed) return
    this.disposed = true
    this.stopTimers()
    const ws = this.socket
    this.socket = null
    if (ws) detach(ws)
    ws?.close(1000)
    for (const set of Object.values(this.listeners)) set.clear()
  }

  private connect(): void {
    const ws = new WebSocket(this.opts.url)
    ws.binaryType = 'arraybuffer'
    this.socket = ws
    ws.onopen = () => this.opened()
    ws.onerror = () => {} // a close follows
    ws.onmessage = (msg) => this.received(msg.data)
    ws.onclose = (ev) => this.closed(ws, ev.code, ev.reason)
  }

  private opened(): void {
    this.redrawNext = true
    this.lastHeardMs = Date.now()
    if (this.size) this.control({ type: 'resize', ...this.size })
    if (this.pendingInput) this.socket!.send(this.encoder.encode(this.pendingInput))
    this.pendingInput = ''
    this.pingTimer = setInterval(() => this.heartbeat(), this.opts.pingIntervalMs)
    this.setStatus('open')
  }

  private received(data: unknown): void {
    this.lastHeardMs = Date.now()
    if (typeof data === 'string') return this.controlFrame(data)
    const bytes = new Uint8Array(data as ArrayBuffer)
    if (this.redrawNext) {
      // Attached for real: only now does the backoff start over (a server that accepts and closes at once is not hammered).
      this.retryMs = this.opts.retryMinMs
      this.redrawNext = false
      return this.emit('redraw', bytes)
    }
    this.emit('data', bytes)
  }

  private controlFrame(text: string): void {
    const msg = parseControl(text)
    if (!msg) return
    if (msg.type === 'redraw') this.redrawNext = true
    else if (msg.type === 'exit' && typeof msg.code === 'number') this.emit('exit', msg.code)
    else if (msg.type === 'notice' && typeof msg.message === 'string') {
      this.emit('notice', { level: msg.level === 'warning' ? 'warning' : 'info', message: msg.message })
    }
  }

  private closed(ws: WebSocket, code: number, reason: string): void {
    if (this.socket !== ws || this.disposed) return
    this.socket = null
    this.stopTimers()
    if (isFinalClose(code)) return this.setStatus('ended', closeReason(code, reason))
    this.setStatus('reconnecting')
    this.retryTimer = setTimeout(() => this.connect(), this.nextDelay())
  }

  /** Pings; a socket silent for longer than the pong timeout is dropped and a new one opened. */
  private heartbeat(): void {
    if (!this.isOpen()) return
    if (Date.now() - this.lastHeardMs > this.opts.pingIntervalMs + this.opts.pongTimeoutMs) return this.drop()
    this.control({ type: 'ping', t: Date.now() })
  }

  private drop(): void {
    const ws = this.socket!
    detach(ws)
    ws.close()
    this.closed(ws, 1006, 'no answer to pings')
  }

  private nextDelay(): number {
    const delay = this.retryMs
    this.retryMs = doubledUpTo(this.retryMs, this.opts.retryMaxMs)
    return delay
  }

  private stopTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer)
    if (this.pingTimer) clearInterval(this.pingTimer)
    this.retryTimer = this.pingTimer = null
  }

  private isOpen(): boolean {
    return !!this.socket && this.socket.readyState === WebSocket.OPEN
  }

  private control(msg: Record<string, unknown>): void {
    this.socket?.send(JSON.stringify(msg))
  }

  private setStatus(status: ConnectionStatus, reason?: string): void {
    this.status = status
    this.emit('status', status, reason)
  }

  private emit<K extends keyof ConnectionEvents>(event: K, ...args: Parameters<ConnectionEvents[K]>): void {
    for (const fn of this.listeners[event]) (fn as (...a: Parameters<ConnectionEvents[K]>) => void)(...args)
  }
}

/** The next wait between attempts: twice the last, never past the cap. */
export function doubledUpTo(ms: number, capMs: number): number {
  return Math.min(capMs, ms * 2)
}

function detach(ws: WebSocket): void {
  ws.onopen = ws.onmessage = ws.onclose = null
}

function parseControl(text: string): { type?: unknown; code?: unknown; level?: unknown; message?: unknown } | null {
  try {
    const msg = JSON.parse(text)
    return msg && typeof msg === 'object' ? msg : null
  } catch {
    return null
  }
}
