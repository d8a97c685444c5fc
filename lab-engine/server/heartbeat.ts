// Heartbeat: pings sockets on an interval and terminates those that stop answering (a laptop lid closed, a dead NAT).
//
// RFC 6455 ping/pong: browsers answer pings on their own, so a socket that
// misses `maxMissed` pongs in a row is gone without having said so.
import { toDisposable, type Disposable } from '../core/disposable'
import type WebSocket from 'ws'
import type { HubScheduler } from './hub-scheduler'

export const DEFAULT_HEARTBEAT_MS = 30_000
export const DEFAULT_MAX_MISSED_PONGS = 2

export interface HeartbeatOptions {
  scheduler: HubScheduler
  intervalMs?: number
  maxMissed?: number
  /** Called after a silent socket is terminated. */
  onTimeout?: (ws: WebSocket) => void
}

export class Heartbeat implements Disposable {
  private readonly missed = new Map<WebSocket, number>()
  private timer: Disposable | null = null
  private readonly intervalMs: number
  private readonly maxMissed: number

  constructor(private readonly opts: HeartbeatOptions) {
    this.intervalMs = opts.intervalMs ?? DEFAULT_HEARTBEAT_MS
    this.maxMissed = opts.maxMissed ?? DEFAULT_MAX_MISSED_PONGS
  }

  /** Watches a socket until the returned handle is disposed (or it is terminated). */
  add(ws: WebSocket): Disposable {
    const onPong = () => this.alive(ws)
    this.missed.set(ws, 0)
    ws.on('pong', onPong)
    this.arm()
    return toDisposable(() => {
      ws.off('pong', onPong)
      this.missed.delete(ws)
    })
  }

  /** The client showed it is there (a pong, or any control message). */
  alive(ws: WebSocket): void {
    if (this.missed.has(ws)) this.missed.set(ws, 0)
  }

  dispose(): void {
    this.timer?.dispose()
    this.timer = null
    this.missed.clear()
  }

  private arm(): void {
    if (this.timer || this.missed.size === 0) return
    this.timer = this.opts.scheduler.setTimeout(() => {
      this.timer = null
      for (const [ws, missed] of [...this.missed]) this.beat(ws, missed)
      this.arm()
    }, this.intervalMs)
  }

  private beat(ws: WebSocket, missed: number): void {
    if (missed >= this.maxMissed) {
      this.missed.delete(ws)
      ws.terminate()
      this.opts.onTimeout?.(ws)
      return
    }
    this.missed.set(ws, missed + 1)
    if (ws.readyState === ws.OPEN) ws.ping()
  }
}
