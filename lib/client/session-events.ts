// SessionEvents: the browser's end of /ws/events/:sessionId, one socket per lab session shared by every pane.
//
// The server sends one EngineEvent per JSON text frame, or {"type":"gap","dropped":N}
// after it dropped events for a slow reader (then listeners should re-list what they
// show). The socket reconnects with capped backoff until dispose(); a reconnect is also
// a gap, since events were missed while it was down.
import type { EngineEvent, EngineEventType } from '@/lab-engine/drivers/engine-event'

export type EventsStatus = 'connecting' | 'open' | 'closed'
type Listener = (event: EngineEvent) => void
type GapListener = () => void

const RETRY_MIN_MS = 500
const RETRY_MAX_MS = 10_000

export class SessionEvents {
  private socket: WebSocket | null = null
  private readonly listeners = new Map<EngineEventType, Set<Listener>>()
  private readonly gapListeners = new Set<GapListener>()
  private readonly statusListeners = new Set<(s: EventsStatus) => void>()
  private retryMs = RETRY_MIN_MS
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private disposed = false
  private everOpened = false
  status: EventsStatus = 'connecting'

  constructor(private readonly url: string) {
    this.connect()
  }

  static forSession(sessionId: string): SessionEvents {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:'
    return new SessionEvents(`${proto}//${location.host}/ws/events/${encodeURIComponent(sessionId)}`)
  }

  /** Calls `fn` for every event of `type`; returns the unsubscribe function. */
  on<T extends EngineEventType>(type: T, fn: (event: Extract<EngineEvent, { type: T }>) => void): () => void {
    const set = this.listeners.get(type) ?? new Set<Listener>()
    this.listeners.set(type, set)
    set.add(fn as Listener)
    return () => set.delete(fn as Listener)
  }

  /** Calls `fn` when events may have been missed (server drop or reconnect). */
  onGap(fn: GapListener): () => void {
    this.gapListeners.add(fn)
    return () => this.gapListeners.delete(fn)
  }

  onStatus(fn: (s: EventsStatus) => void): () => void {
    this.statusListeners.add(fn)
    return () => this.statusListeners.delete(fn)
  }

  dispose(): void {
    this.disposed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    const ws = this.socket
    this.socket = null
    ws?.close(1000)
    this.setStatus('closed')
  }

  private connect(): void {
    const ws = new WebSocket(this.url)
    this.socket = ws
    this.setStatus('connecting')
    ws.onopen = () => {
      this.retryMs = RETRY_MIN_MS
      this.setStatus('open')
      if (this.everOpened) this.gapListeners.forEach((fn) => fn())
      this.everOpened = true
    }
    ws.onerror = () => {} // a close follows; onclose schedules the retry
    ws.onmessage = (msg) => typeof msg.data === 'string' && this.dispatch(msg.data)
    ws.onclose = () => {
      if (this.socket !== ws) return
      this.socket = null
      this.setStatus('closed')
      if (!this.disposed) this.retryTimer = setTimeout(() => this.connect(), this.nextDelay())
    }
  }

  private dispatch(text: string): void {
    let event: { type?: unknown }
    try {
      event = JSON.parse(text)
    } catch {
      return
    }
    if (event.type === 'gap') return this.gapListeners.forEach((fn) => fn())
    this.listeners.get(event.type as EngineEventType)?.forEach((fn) => fn(event as EngineEvent))
  }

  private nextDelay(): number {
    const delay = this.retryMs
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2)
    return delay
  }

  private setStatus(status: EventsStatus): void {
    this.status = status
    this.statusListeners.forEach((fn) => fn(status))
  }
}
